// Two concurrent threads each hold one rwlock for writing and then take the other one for
// reading, in opposite orders: each reader waits for the other's writer, a real potential
// deadlock although every blocking acquisition in the cycle is a read. The writers make it a
// lock-order-inversion.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_rwlock_t R1 = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t R2 = PTHREAD_RWLOCK_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_rwlock_wrlock(&R1);
  pthread_rwlock_rdlock(&R2);  // EXPECT: lock-order-inversion R1 => R2 => R1
  pthread_rwlock_unlock(&R2);
  pthread_rwlock_unlock(&R1);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_rwlock_wrlock(&R2);
  pthread_rwlock_rdlock(&R1);  // EXPECT: lock-order-inversion R1 => R2 => R1
  pthread_rwlock_unlock(&R1);
  pthread_rwlock_unlock(&R2);
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
