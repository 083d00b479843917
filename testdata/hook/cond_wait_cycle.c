// A condition wait releases its mutex and re-takes it before returning. The waiter holds M after
// the wait and then takes A (M -> A); the signaler takes A and then M while the waiter is parked
// in the wait (A -> M). That is a real inversion through the condition's mutex. While the waiter
// is parked, M is free: the signaler's lock of M does not block and is no deadlock.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <unistd.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t C = PTHREAD_COND_INITIALIZER;
bool waiting, ready;  // under M; M is held from `waiting = true` until the wait releases it
sem_t waiter_done, signaler_done;

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  waiting = true;
  while (!ready)
    pthread_cond_wait(&C, &M);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion M => A => M
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&M);
  sem_post(&waiter_done);
  sem_wait(&signaler_done);
  return NULL;
}

static void *signaler(void *arg) {
  (void)arg;
  // Retry until the waiter is parked in its wait, so that the wait really happens.
  for (bool done = false; !done;) {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&M);  // EXPECT: lock-order-inversion M => A => M
    if (waiting) {
      ready = true;
      pthread_cond_signal(&C);
      done = true;
    }
    pthread_mutex_unlock(&M);
    pthread_mutex_unlock(&A);
    if (!done)
      usleep(1000);
  }
  sem_wait(&waiter_done);
  sem_post(&signaler_done);
  return NULL;
}

int main(void) {
  sem_init(&waiter_done, 0, 0);
  sem_init(&signaler_done, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, waiter, NULL);
  pthread_create(&t2, NULL, signaler, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
