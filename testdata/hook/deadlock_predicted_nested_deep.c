// deadlock_predicted_nested.c one level deeper: each thread holds its own outer lock (P1, P2) and
// takes A and B nested under it a few times, so that both nested locks take the wrappers' predicted
// path. A default mutex's predicted lock is counted before its real lock (a pending record; the real
// lock is the wrapper's tail call), so in the deadlock each thread's newest record is a lock it
// waits for and the one below it a pending record it holds (nothing enters the hook between the
// two: the threads meet by spinning, not at a barrier): the watchdog must tell them apart
// (the mutex's owner) to see two threads each waiting for the lock the other holds, and end the
// process with status 67 (main sleeps on: the cycle, not "every thread blocked", must end it).
// HOOK-RUN: exit=67 timeout=30
// CONFIRM: confirmed
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t P1 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t P2 = PTHREAD_MUTEX_INITIALIZER;
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
  pthread_barrier_init(&first_warm, NULL, 2);
  pthread_barrier_init(&both_warm, NULL, 2);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  // Not a join: main stays runnable, so only the lock cycle (not "every thread blocked") can end it.
  for (;;) sleep(1);
}
