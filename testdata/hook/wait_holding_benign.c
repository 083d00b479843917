// Waiting on a condition while holding a lock other than the condition's mutex: the waiter keeps
// H while it sleeps. That only matters when the thread that signals needs H; here the signaler
// never takes H, so nothing is reported (wait-holding fired on exactly this shape in real programs
// - a compressor, an event loop's test, a cache server's stop path - and was noise every time).
// The counterparts: wait_holding_signal_first.c, wait_holding_wait_first.c.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>

pthread_mutex_t H = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t C = PTHREAD_COND_INITIALIZER;
pthread_cond_t Waiting = PTHREAD_COND_INITIALIZER;
bool waiting, ready;  // under M; M is held from `waiting = true` until the wait releases it

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&H);
  pthread_mutex_lock(&M);
  waiting = true;
  pthread_cond_signal(&Waiting);
  while (!ready)
    pthread_cond_wait(&C, &M);
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&H);
  return NULL;
}

static void *signaler(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  while (!waiting)  // then the waiter is in its wait: it really waits
    pthread_cond_wait(&Waiting, &M);
  ready = true;
  pthread_cond_signal(&C);
  pthread_mutex_unlock(&M);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, waiter, NULL);
  pthread_create(&t2, NULL, signaler, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
