// A cycle with a writer that still cannot deadlock. The first thread holds R1 for reading and
// takes R2 for writing; the second holds R2 for reading and takes R1 for reading. R1 is only ever
// read, so (default, reader-preferring rwlocks) the second thread's acquisition never blocks and
// the first thread's writer always gets R2 once the second thread lets go: no interleaving
// deadlocks. A thread blocks on a read only if some thread in the cycle holds the lock for
// writing; here none does. No finding.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_rwlock_t R1 = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t R2 = PTHREAD_RWLOCK_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&R1);
  pthread_rwlock_wrlock(&R2);
  pthread_rwlock_unlock(&R2);
  pthread_rwlock_unlock(&R1);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_rwlock_rdlock(&R2);
  pthread_rwlock_rdlock(&R1);
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
