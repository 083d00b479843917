// A failed trylock does not enter the held set. The first thread's trylock of B fails (the second
// thread holds B); it then takes C. Had B counted as held, that would record B -> C, and with the
// second thread's C -> B make a false cycle. Only C -> B exists: no finding.
// HOOK-RUN:
// TSAN: clean
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t b_held, try_done, first_done, second_done;
int void_test;

static void *first(void *arg) {
  (void)arg;
  sem_wait(&b_held);
  if (pthread_mutex_trylock(&B) != EBUSY)
    void_test = 1;  // read by main after join
  sem_post(&try_done);
  pthread_mutex_lock(&C);
  pthread_mutex_unlock(&C);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  pthread_mutex_lock(&B);
  sem_post(&b_held);
  sem_wait(&try_done);
  pthread_mutex_unlock(&B);
  sem_wait(&first_done);
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&C);
  sem_post(&second_done);
  return NULL;
}

int main(void) {
  sem_init(&b_held, 0, 0);
  sem_init(&try_done, 0, 0);
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  if (void_test) {
    fprintf(stderr, "test is void: trylock did not fail with EBUSY\n");
    return 3;
  }
  return 0;
}
