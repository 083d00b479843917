// A thread unlocks a normal mutex that another thread holds: glibc lets it (undefined behaviour;
// the owner no longer holds it), reported as unlock-unheld on the foreign unlock. The owner's own
// unlock afterwards is not reported again. (An error-checking mutex would refuse with EPERM, and
// the program be told: unlock_errorcheck_eperm.c.)
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t E = PTHREAD_MUTEX_INITIALIZER;
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
  pthread_mutex_unlock(&E);  // EXPECT: unlock-unheld E
  sem_post(&tried);
  return NULL;
}

int main(void) {
  sem_init(&locked, 0, 0);
  sem_init(&tried, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, owner, NULL);
  pthread_create(&t2, NULL, intruder, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
