// A successful trylock adds no edge into the lock it takes (it cannot block). One thread holds A
// and trylocks B; another, alive at the same time, takes B then A. Only B -> A is an edge: no
// cycle, no finding.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  if (pthread_mutex_trylock(&B) != 0) {
    fprintf(stderr, "test is void: trylock failed\n");
    return (void *)1;
  }
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&second_done);
  return NULL;
}

int main(void) {
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  pthread_t t1, t2;
  void *status;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, &status);
  if (status != NULL)
    sem_post(&first_done);  // let the second thread end anyway
  pthread_join(t2, NULL);
  return status == NULL ? 0 : 3;
}
