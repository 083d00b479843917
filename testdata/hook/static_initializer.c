// Locks initialized statically with PTHREAD_MUTEX_INITIALIZER and never passed to
// pthread_mutex_init are tracked from their first use: the inversion between the concurrent
// threads is found and names the globals.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t S1 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t S2 = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&S1);
  pthread_mutex_lock(&S2);  // EXPECT: lock-order-inversion S1 => S2 => S1
  pthread_mutex_unlock(&S2);
  pthread_mutex_unlock(&S1);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_mutex_lock(&S2);
  pthread_mutex_lock(&S1);  // EXPECT: lock-order-inversion S1 => S2 => S1
  pthread_mutex_unlock(&S1);
  pthread_mutex_unlock(&S2);
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
