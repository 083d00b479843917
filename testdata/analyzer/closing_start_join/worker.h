// The workers of every program here: each updates `count` under `mu`.
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int count;

static void *worker(void *p) {
  pthread_mutex_lock(&mu);
  count++;
  pthread_mutex_unlock(&mu);
  return p;
}
