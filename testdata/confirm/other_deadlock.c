// Two inversions taken through one helper, so their edges have the same sites: A/B, whose threads
// a semaphore orders (no schedule deadlocks), and C/D, whose threads hold their first locks at a
// barrier and then deadlock in every run. Steering A/B's sites, each run still ends in the C/D
// deadlock (its threads even stand at A/B's sites): that deadlock is not A/B's - other locks - so
// A/B is not reproduced, while C/D is confirmed. Confirmation needs the inversion's own locks.
// (One EXPECT per line: actual-deadlock is expected on the calls of take() in the C/D threads.)
// HOOK-RUN: exit=67 timeout=30
// CONFIRM: not-reproduced A => B => A -- a semaphore orders its edges
// CONFIRM: confirmed C => D => C
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER, D = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t both_hold;
sem_t ab_done, ba_done;

static void take(pthread_mutex_t *first, pthread_mutex_t *second, int meet) {
  pthread_mutex_lock(first);
  if (meet)
    pthread_barrier_wait(&both_hold);
  pthread_mutex_lock(second);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

static void *ab(void *arg) {
  (void)arg;
  take(&A, &B, 0);
  sem_post(&ab_done);
  return NULL;
}

static void *ba(void *arg) {
  (void)arg;
  sem_wait(&ab_done);
  take(&B, &A, 0);
  sem_post(&ba_done);
  return NULL;
}

static void *cd(void *arg) {
  (void)arg;
  take(&C, &D, 1);  // EXPECT: actual-deadlock
  return NULL;
}

static void *dc(void *arg) {
  (void)arg;
  take(&D, &C, 1);  // EXPECT: lock-order-inversion C => D => C
  return NULL;
}

int main(void) {
  sem_init(&ab_done, 0, 0);
  sem_init(&ba_done, 0, 0);
  pthread_barrier_init(&both_hold, NULL, 2);
  pthread_t t[4];
  pthread_create(&t[0], NULL, ab, NULL);
  pthread_create(&t[1], NULL, ba, NULL);
  sem_wait(&ba_done);  // both A/B edges are made; the A/B threads stay alive until joined
  pthread_create(&t[2], NULL, cd, NULL);
  pthread_create(&t[3], NULL, dc, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
