// An error-checking mutex unlocked by a thread that does not hold it: glibc refuses with EPERM,
// nothing happens to the mutex, and the program is told (it checks the result). Not misuse: no
// finding - neither for the refused unlock of a mutex never locked, nor for one another thread
// holds, whose owner then unlocks it normally.
// HOOK-RUN:
// TSAN: clean
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

pthread_mutex_t E;
sem_t locked, tried;

static void *owner(void *arg) {
  (void)arg;
  pthread_mutex_lock(&E);
  sem_post(&locked);
  sem_wait(&tried);
  pthread_mutex_unlock(&E);
  return NULL;
}

static void *intruder(void *arg) {
  (void)arg;
  sem_wait(&locked);
  if (pthread_mutex_unlock(&E) != EPERM) fprintf(stderr, "unexpected: the unlock did not fail\n");
  sem_post(&tried);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&E, &attr);
  pthread_mutexattr_destroy(&attr);
  if (pthread_mutex_unlock(&E) != EPERM) fprintf(stderr, "unexpected: the unlock did not fail\n");
  sem_init(&locked, 0, 0);
  sem_init(&tried, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, owner, NULL);
  pthread_create(&t2, NULL, intruder, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_destroy(&E);
  return 0;
}
