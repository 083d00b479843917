// A real deadlock through rwlocks: each thread holds one rwlock for reading and waits to write
// the other. The inversion is reported before the threads block; then the watchdog sees two
// threads waiting for each other's read locks and ends the process with status 67.
// (One EXPECT per line: actual-deadlock is expected on the calls of upgrade_other().)
// HOOK-RUN: exit=67 timeout=30
// CONFIRM: confirmed
#include <pthread.h>
#include <stdio.h>

pthread_rwlock_t R1 = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t R2 = PTHREAD_RWLOCK_INITIALIZER;
pthread_barrier_t both_read;

static void upgrade_other(pthread_rwlock_t *mine, pthread_rwlock_t *other) {
  pthread_rwlock_rdlock(mine);
  pthread_barrier_wait(&both_read);  // both read locks are held
  pthread_rwlock_wrlock(other);  // EXPECT: lock-order-inversion R1 => R2 => R1
  puts("unreachable");
}

static void *first(void *arg) {
  (void)arg;
  upgrade_other(&R1, &R2);  // EXPECT: actual-deadlock
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  upgrade_other(&R2, &R1);  // EXPECT: actual-deadlock
  return NULL;
}

int main(void) {
  pthread_barrier_init(&both_read, NULL, 2);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
