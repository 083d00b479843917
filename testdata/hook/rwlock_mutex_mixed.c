// A cycle through a mutex and a rwlock: one thread holds M and takes RW for writing, the other
// holds RW for reading and takes M. The writer waits for the reader, the reader's owner waits for
// M: a real potential deadlock.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t RW = PTHREAD_RWLOCK_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  pthread_rwlock_wrlock(&RW);  // EXPECT: lock-order-inversion M => RW => M
  pthread_rwlock_unlock(&RW);
  pthread_mutex_unlock(&M);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_rwlock_rdlock(&RW);
  pthread_mutex_lock(&M);  // EXPECT: lock-order-inversion M => RW => M
  pthread_mutex_unlock(&M);
  pthread_rwlock_unlock(&RW);
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
