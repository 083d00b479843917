// 5000 short-lived threads, four alive at a time, each taking A -> B -> C in one order: thread
// slots and ids are reused many times over. One consistent order: no finding.
// HOOK-RUN: timeout=120
// TSAN: clean
#include <pthread.h>

enum { kThreads = 5000, kAtOnce = 4 };

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&C);
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

int main(void) {
  pthread_t t[kAtOnce];
  for (int i = 0; i < kThreads; i += kAtOnce) {
    for (int j = 0; j < kAtOnce; j++)
      pthread_create(&t[j], NULL, worker, NULL);
    for (int j = 0; j < kAtOnce; j++)
      pthread_join(t[j], NULL);
  }
  return 0;
}
