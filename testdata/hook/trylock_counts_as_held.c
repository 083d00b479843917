// A lock taken by a successful trylock is held: a later blocking acquisition of X while holding
// the trylocked T records T -> X. With the other thread's X -> T that is an inversion, whose
// blocking acquisitions are the lock of X under T and the lock of T under X.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

pthread_mutex_t T = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t X = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  if (pthread_mutex_trylock(&T) != 0) {
    fprintf(stderr, "test is void: trylock failed\n");
    sem_post(&first_done);
    return (void *)1;
  }
  pthread_mutex_lock(&X);  // EXPECT: lock-order-inversion T => X => T
  pthread_mutex_unlock(&X);
  pthread_mutex_unlock(&T);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_mutex_lock(&X);
  pthread_mutex_lock(&T);  // EXPECT: lock-order-inversion T => X => T
  pthread_mutex_unlock(&T);
  pthread_mutex_unlock(&X);
  sem_post(&second_done);
  return NULL;
}

int main(void) {
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  pthread_t t1, t2;
  void *status;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, &status);
  pthread_join(t2, NULL);
  return status == NULL ? 0 : 3;
}
