// A lock-order cycle of 100 heap locks, each made where it is first taken, with a deep stack at
// every acquisition: thread i takes lock[i] then lock[i+1 mod 100] at the bottom of a recursion.
// The report names all 100 locks (each as the source names it: lock[i]@...) and shows every edge's
// stack; nothing of it is cut or overwritten, and the JSON record is whole.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

enum { kLocks = 100 };

pthread_mutex_t *lock[kLocks];
sem_t turn[kLocks + 1];
sem_t done;

static void take_pair(long i, int depth) {
  if (depth > 0) {
    take_pair(i, depth - 1);
    return;
  }
  pthread_mutex_lock(lock[i]);
  pthread_mutex_lock(lock[(i + 1) % kLocks]);  // EXPECT: lock-order-inversion
  pthread_mutex_unlock(lock[(i + 1) % kLocks]);
  pthread_mutex_unlock(lock[i]);
}

static void *worker(void *arg) {
  long i = (long)arg;
  sem_wait(&turn[i]);
  take_pair(i, 30);
  sem_post(&turn[i + 1]);
  sem_wait(&done);
  return NULL;
}

int main(void) {
  for (int i = 0; i < kLocks; i++) {
    lock[i] = malloc(sizeof(pthread_mutex_t));
    pthread_mutex_init(lock[i], NULL);
  }
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
  for (int i = 0; i < kLocks; i++) {
    pthread_mutex_destroy(lock[i]);
    free(lock[i]);
  }
  return 0;
}
