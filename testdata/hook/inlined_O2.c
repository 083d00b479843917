// Built with -O2: the locking helpers are inlined into the thread functions. The finding's
// stacks must still name the source lines inside the inlined helpers (inlined frames).
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// HOOK-BUILD: -O2
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static inline __attribute__((always_inline)) void nest(pthread_mutex_t *outer,
                                                       pthread_mutex_t *inner) {
  pthread_mutex_lock(outer);
  pthread_mutex_lock(inner);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(inner);
  pthread_mutex_unlock(outer);
}

static void *first(void *arg) {
  (void)arg;
  nest(&A, &B);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  nest(&B, &A);
  sem_post(&second_done);
  return NULL;
}

int main(void) {
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
