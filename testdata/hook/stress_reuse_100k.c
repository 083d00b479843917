// 100,000 heap mutexes, each malloc'ed, initialized, used, destroyed and freed; malloc hands the
// same few addresses out again and again. Each mutex is taken with G in one order or the other
// (even rounds G -> m, odd rounds m -> G): only a hook that kept a destroyed lock's identity at
// the reused address would see a cycle. Two threads do it at once. No finding.
// HOOK-RUN: timeout=120
// TSAN: clean
#include <pthread.h>
#include <stdlib.h>

enum { kThreads = 2, kMutexes = 100000 };

pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < kMutexes / kThreads; i++) {
    pthread_mutex_t *m = malloc(sizeof *m);
    pthread_mutex_init(m, NULL);
    if (i % 2 == 0) {
      pthread_mutex_lock(&G);
      pthread_mutex_lock(m);
      pthread_mutex_unlock(m);
      pthread_mutex_unlock(&G);
    } else {
      pthread_mutex_lock(m);
      pthread_mutex_lock(&G);
      pthread_mutex_unlock(&G);
      pthread_mutex_unlock(m);
    }
    pthread_mutex_destroy(m);
    free(m);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[kThreads];
  for (long i = 0; i < kThreads; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < kThreads; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
