// pack's queues (see unpack.c): linked into pack only; unpack.c has its own queue_get().
#include <pthread.h>

pthread_mutex_t queue_mutex = PTHREAD_MUTEX_INITIALIZER;
extern long cur_blocks;

void *queue_get(void) {
  pthread_mutex_lock(&queue_mutex);
  cur_blocks++;
  pthread_mutex_unlock(&queue_mutex);
  return 0;
}

void dump_queue(void) {
  pthread_mutex_lock(&queue_mutex);
  pthread_mutex_unlock(&queue_mutex);
}
