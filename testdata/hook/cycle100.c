// A lock-order cycle of length 100: thread i takes ring[i] then ring[i+1 mod 100]; the 100 threads
// are alive at the same time and take their turns in order, so the run does not deadlock. Exactly
// one finding (no shorter cycle exists).
// HOOK-RUN:
// CONFIRM: not-attempted -- a cycle of 100 locks: confirm steers cycles of at most 8
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

enum { kLocks = 100 };

pthread_mutex_t ring[kLocks];
sem_t turn[kLocks + 1];
sem_t done;

static void *worker(void *arg) {
  long i = (long)arg;
  sem_wait(&turn[i]);
  pthread_mutex_lock(&ring[i]);
  pthread_mutex_lock(&ring[(i + 1) % kLocks]);  // EXPECT: lock-order-inversion
  pthread_mutex_unlock(&ring[(i + 1) % kLocks]);
  pthread_mutex_unlock(&ring[i]);
  sem_post(&turn[i + 1]);
  sem_wait(&done);
  return NULL;
}

int main(void) {
  for (int i = 0; i < kLocks; i++)
    pthread_mutex_init(&ring[i], NULL);
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
  for (int i = 0; i < kLocks; i++)
    pthread_mutex_destroy(&ring[i]);
  return 0;
}
