// pthread_cond_timedwait while holding a lock other than the condition's mutex, the signaler
// never needing it: nothing reported, as for an untimed wait (wait_holding_benign.c).
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

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
  while (!ready) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 5;
    pthread_cond_timedwait(&C, &M, &deadline);
  }
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
