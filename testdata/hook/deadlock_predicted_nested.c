// A real deadlock on nested locks the hook predicts: each thread has taken its pair (A then B, B
// then A) a few times, so its last nested lock takes the wrappers' predicted path, which counts a
// default mutex's record before the real lock (pending: the real lock is the tail call) and
// publishes no wait at all (no wait_slot). The watchdog must still see two threads each waiting for
// the lock the other holds (the newest record's mutex not owned by its thread) and end the process
// with status 67. Twins: deadlock_predicted_nested_deep.c (a pending record below the newest one),
// deadlock_predicted_nested_errorcheck.c (a mutex whose lock can fail: not counted before).
// HOOK-RUN: exit=67 timeout=30
// CONFIRM: confirmed
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t first_warm, both_warm, both_hold;

static void lock_other(pthread_mutex_t *mine, pthread_mutex_t *other, int deadlock) {
  pthread_mutex_lock(mine);
  if (deadlock) pthread_barrier_wait(&both_hold);  // both first locks are held
  pthread_mutex_lock(other);  // EXPECT: lock-order-inversion A => B => A
  if (deadlock) puts("unreachable");
  pthread_mutex_unlock(other);
  pthread_mutex_unlock(mine);
}

static void *first(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; ++i) lock_other(&A, &B, 0);
  pthread_barrier_wait(&first_warm);
  pthread_barrier_wait(&both_warm);
  lock_other(&A, &B, 1);  // EXPECT: actual-deadlock
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  pthread_barrier_wait(&first_warm);
  for (int i = 0; i < 3; ++i) lock_other(&B, &A, 0);
  pthread_barrier_wait(&both_warm);
  lock_other(&B, &A, 1);  // EXPECT: actual-deadlock
  return NULL;
}

int main(void) {
  pthread_barrier_init(&first_warm, NULL, 2);
  pthread_barrier_init(&both_warm, NULL, 2);
  pthread_barrier_init(&both_hold, NULL, 2);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
