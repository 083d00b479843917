// Three workers wait on a semaphore that nobody ever posts, and main waits to join the first: every
// thread is blocked in a wait the hook knows and no thread was ever seen posting the semaphore, so
// nobody can. actual-deadlock naming the semaphore, status 67.
// HOOK-RUN: exit=67 timeout=30
#include <pthread.h>
#include <semaphore.h>

sem_t go;

static void *worker(void *arg) {
  (void)arg;
  sem_wait(&go);  // EXPECT: actual-deadlock
  return NULL;
}

int main(void) {
  sem_init(&go, 0, 0);
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);  // EXPECT: actual-deadlock
  return 0;
}
