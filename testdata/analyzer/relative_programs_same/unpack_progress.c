// unpack's progress module (see unpack.c): linked into unpack only.
#include <pthread.h>

extern long done;
pthread_mutex_t unpack_mutex = PTHREAD_MUTEX_INITIALIZER;

void unpack_progress(void) {
  pthread_mutex_lock(&unpack_mutex);
  done++;
  pthread_mutex_unlock(&unpack_mutex);
}
