// pack's progress module (see pack.c): linked into pack only.
#include <pthread.h>

pthread_mutex_t progress_mutex = PTHREAD_MUTEX_INITIALIZER;
long done;

void progress_add(long n) {
  pthread_mutex_lock(&progress_mutex);
  done += n;
  pthread_mutex_unlock(&progress_mutex);
}
