// A thread cancelled while it waits on a condition: the C library re-takes the mutex for it and
// runs its cleanup handler, which unlocks the mutex - correct code, not unlock-unheld. The mutex
// works afterwards, and the cancelled thread's end leaves nothing held.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t N = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t C = PTHREAD_COND_INITIALIZER, Waiting = PTHREAD_COND_INITIALIZER;
bool waiting;

static void unlock_m(void *arg) {
  (void)arg;
  pthread_mutex_unlock(&M);
}

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&N);  // held around the wait: the cancelled wait is nested
  pthread_mutex_unlock(&N);
  pthread_mutex_lock(&M);
  pthread_cleanup_push(unlock_m, NULL);
  waiting = true;
  pthread_cond_signal(&Waiting);
  for (;;) pthread_cond_wait(&C, &M);
  pthread_cleanup_pop(1);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  pthread_mutex_lock(&M);
  while (!waiting) pthread_cond_wait(&Waiting, &M);
  pthread_mutex_unlock(&M);  // the waiter is in its wait (it released M)
  pthread_cancel(t);
  pthread_join(t, NULL);
  pthread_mutex_lock(&M);
  pthread_mutex_lock(&N);
  pthread_mutex_unlock(&N);
  pthread_mutex_unlock(&M);
  return 0;
}
