// main holds L and joins a worker that needs L: a hang through a lock and a join, with no
// lock-order cycle at all (the worker holds nothing). The watchdog sees main waiting for the
// worker and the worker waiting for L, held by main: an actual-deadlock, ended with status 67.
// (One EXPECT per line: actual-deadlock is expected on both waits.)
// HOOK-RUN: exit=67 timeout=30
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t L = PTHREAD_MUTEX_INITIALIZER;
sem_t started;

static void *worker(void *arg) {
  (void)arg;
  sem_post(&started);
  pthread_mutex_lock(&L);  // EXPECT: actual-deadlock
  pthread_mutex_unlock(&L);
  return NULL;
}

int main(void) {
  sem_init(&started, 0, 0);
  pthread_mutex_lock(&L);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  sem_wait(&started);
  pthread_join(t, NULL);  // EXPECT: actual-deadlock
  pthread_mutex_unlock(&L);
  return 0;
}
