// Lock lifetime without free: a mutex is destroyed and initialized again in the same memory.
// Before the destroy it is taken after A; after the re-init it is taken before A. The re-init
// creates a new lock: no cycle, no finding.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M;
sem_t go1, done1, go2, done2;

static void *first(void *arg) {
  (void)arg;
  sem_wait(&go1);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&M);
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&A);
  sem_post(&done1);
  sem_wait(&go1);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&go2);
  pthread_mutex_lock(&M);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&M);
  sem_post(&done2);
  return NULL;
}

int main(void) {
  sem_init(&go1, 0, 0);
  sem_init(&done1, 0, 0);
  sem_init(&go2, 0, 0);
  sem_init(&done2, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_mutex_init(&M, NULL);
  sem_post(&go1);
  sem_wait(&done1);
  pthread_mutex_destroy(&M);
  pthread_mutex_init(&M, NULL);
  sem_post(&go2);
  sem_wait(&done2);
  sem_post(&go1);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_destroy(&M);
  return 0;
}
