// Recursive mutexes take part in lock order like any other: T1 takes R (recursive) then A, T2
// takes A then R. Re-entrance only exempts the owner's own re-acquisition. A lock-order-inversion.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t R = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&R);
  pthread_mutex_lock(&R);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion R => A => R
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&R);
  pthread_mutex_unlock(&R);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&R);  // EXPECT: lock-order-inversion R => A => R
  pthread_mutex_unlock(&R);
  pthread_mutex_unlock(&A);
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
