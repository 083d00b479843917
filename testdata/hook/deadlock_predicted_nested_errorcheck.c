// deadlock_predicted_nested_deep.c with error-checking mutexes: such a lock can fail (EDEADLK), so
// the wrappers' predicted nested path does not count it before the real call; it publishes its wait
// by the thread's guard (in_hook == kInNestedWait: the lock is the record just above the held ones)
// and counts the record when the real lock returns. The watchdog must see the same deadlock and end
// the process with status 67.
// HOOK-RUN: exit=67 timeout=30
// CONFIRM: confirmed
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t A, B, P1, P2;
pthread_barrier_t first_warm, both_warm;
_Atomic int holding;  // threads holding their middle lock in the deadlocking round

static void lock_other(pthread_mutex_t *outer, pthread_mutex_t *mine, pthread_mutex_t *other,
                       int deadlock) {
  pthread_mutex_lock(outer);
  pthread_mutex_lock(mine);
  if (deadlock) {  // both middle locks held; a spin, not a barrier (its wrapper would settle the record)
    holding++;
    while (holding < 2) {
    }
  }
  pthread_mutex_lock(other);  // EXPECT: lock-order-inversion A => B => A
  if (deadlock) puts("unreachable");
  pthread_mutex_unlock(other);
  pthread_mutex_unlock(mine);
  pthread_mutex_unlock(outer);
}

static void *first(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; ++i) lock_other(&P1, &A, &B, 0);
  pthread_barrier_wait(&first_warm);
  pthread_barrier_wait(&both_warm);
  lock_other(&P1, &A, &B, 1);  // EXPECT: actual-deadlock
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  pthread_barrier_wait(&first_warm);
  for (int i = 0; i < 3; ++i) lock_other(&P2, &B, &A, 0);
  pthread_barrier_wait(&both_warm);
  lock_other(&P2, &B, &A, 1);  // EXPECT: actual-deadlock
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&A, &attr);
  pthread_mutex_init(&B, &attr);
  pthread_mutex_init(&P1, &attr);
  pthread_mutex_init(&P2, &attr);
  pthread_barrier_init(&first_warm, NULL, 2);
  pthread_barrier_init(&both_warm, NULL, 2);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  // Not a join: main stays runnable, so only the lock cycle (not "every thread blocked") can end it.
  for (;;) sleep(1);
}
