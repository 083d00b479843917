// A thread unlocks an error-checking mutex that another thread holds: glibc refuses (EPERM) and
// the owner keeps it; the bug is reported as unlock-unheld on the foreign unlock. The owner's own
// unlock afterwards is correct and is not reported.
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
  int rc = pthread_mutex_unlock(&E);  // EXPECT: unlock-unheld E
  if (rc != EPERM)
    fprintf(stderr, "unexpected: unlock returned %d\n", rc);
  sem_post(&tried);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&E, &attr);
  pthread_mutexattr_destroy(&attr);
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
