// A recursive mutex initialized statically with PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP (never
// passed to pthread_mutex_init) is recursive: its owner re-takes it, also while holding another
// lock, with no self-deadlock and no edge. Another thread takes R then A, consistently with the
// first one: no finding.
// HOOK-RUN:
// TSAN: clean
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t R = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&R);
  pthread_mutex_lock(&R);  // owner re-takes: count 2, no self-deadlock
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&R);  // owner re-takes while holding A: no edge A -> R
  pthread_mutex_unlock(&R);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&R);
  pthread_mutex_unlock(&R);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_mutex_lock(&R);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&R);
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
