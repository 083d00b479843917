// Threads with asynchronous cancellation, cancelled at random moments while they initialise and
// destroy mutexes (the hook updates its lock table under its own lock then): the hook's locks are
// never left held by a cancelled thread. The main thread then initialises, destroys and nests
// locks (each needs the hook's lock), and writes a report.
// HOOK-RUN: timeout=120
// (No TSan oracle: ThreadSanitizer hangs on asynchronously cancelled threads.)
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

enum { kRounds = 300, kLocks = 8 };

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t U;

static void *churn(void *arg) {
  (void)arg;
  pthread_mutex_t m[kLocks];
  int old;
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
  for (;;)
    for (int i = 0; i < kLocks; i++) {
      pthread_mutex_init(&m[i], NULL);
      pthread_mutex_destroy(&m[i]);
    }
  return NULL;
}

int main(void) {
  srand(1);
  for (int round = 0; round < kRounds; round++) {
    pthread_t t;
    pthread_create(&t, NULL, churn, NULL);
    usleep(rand() % 400);
    pthread_cancel(t);
    pthread_join(t, NULL);
  }
  pthread_mutex_t m;
  pthread_mutex_init(&m, NULL);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&A);
  pthread_mutex_destroy(&m);
  pthread_mutex_init(&U, NULL);
  pthread_mutex_unlock(&U);  // EXPECT: unlock-unheld U
  return 0;
}
