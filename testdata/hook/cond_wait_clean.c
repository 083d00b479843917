// Condition waits that hold only the condition's mutex. The waiter parks in the wait holding M;
// the signaler takes A, then M (A -> M), which is free because the wait released it, and signals.
// The waiter re-takes M holding nothing else: no edge into M from it, no cycle, no wait-holding,
// and the signaler's lock of M is no deadlock. Also with pthread_cond_timedwait. No finding.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t C = PTHREAD_COND_INITIALIZER;
int stage;  // under M

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  while (stage < 1)
    pthread_cond_wait(&C, &M);
  stage = 2;
  pthread_cond_broadcast(&C);
  while (stage < 3) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 1;
    pthread_cond_timedwait(&C, &M, &deadline);
  }
  pthread_mutex_unlock(&M);
  return NULL;
}

static void *signaler(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&M);
  stage = 1;
  pthread_cond_broadcast(&C);
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&A);

  pthread_mutex_lock(&M);
  while (stage < 2)
    pthread_cond_wait(&C, &M);
  stage = 3;
  pthread_cond_broadcast(&C);
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
