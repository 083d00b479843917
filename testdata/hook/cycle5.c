// A lock-order cycle of length 5: thread i takes L<i> then L<i+1 mod 5>; the five threads are alive
// at the same time and take their turns in order (semaphores), so the run does not deadlock. One
// finding, whose sites include the blocking acquisition in take_pair().
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

enum { kLocks = 5 };

pthread_mutex_t L0 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t L1 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t L2 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t L3 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t L4 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t *const locks[kLocks] = {&L0, &L1, &L2, &L3, &L4};
sem_t turn[kLocks + 1];
sem_t done;

static void take_pair(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);  // EXPECT: lock-order-inversion L2 => L3 => L4 => L0 => L1 => L2
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

static void *worker(void *arg) {
  long i = (long)arg;
  sem_wait(&turn[i]);
  take_pair(locks[i], locks[(i + 1) % kLocks]);
  sem_post(&turn[i + 1]);
  sem_wait(&done);
  return NULL;
}

int main(void) {
  for (int i = 0; i <= kLocks; i++)
    sem_init(&turn[i], 0, 0);
  sem_init(&done, 0, 0);
  pthread_t t[kLocks];
  for (long i = 0; i < kLocks; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  sem_post(&turn[0]);
  sem_wait(&turn[kLocks]);
  for (int i = 0; i < kLocks; i++)
    sem_post(&done);
  for (int i = 0; i < kLocks; i++)
    pthread_join(t[i], NULL);
  return 0;
}
