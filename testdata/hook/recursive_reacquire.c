// A PTHREAD_MUTEX_RECURSIVE mutex (made with pthread_mutexattr_settype) re-taken by its owner:
// no self-deadlock and no edge, also when re-taken while another lock is held (R -> A, then R
// again under A must not make A -> R). The second thread's R -> A agrees: no finding.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t R;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&R);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&R);
  pthread_mutex_lock(&R);
  pthread_mutex_unlock(&R);
  pthread_mutex_unlock(&R);
  pthread_mutex_unlock(&A);
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
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&R, &attr);
  pthread_mutexattr_destroy(&attr);
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_destroy(&R);
  return 0;
}
