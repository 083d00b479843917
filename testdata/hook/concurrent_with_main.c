// main takes B -> A while the worker that took A -> B is still alive (it is joined only
// afterwards): the edges come from threads that run at the same time, a lock-order-inversion.
// The counterpart of latent_main_after_join.c.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t worker_done, main_done;

static void *forward(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&worker_done);
  sem_wait(&main_done);
  return NULL;
}

int main(void) {
  sem_init(&worker_done, 0, 0);
  sem_init(&main_done, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, forward, NULL);
  sem_wait(&worker_done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&main_done);
  pthread_join(t, NULL);
  return 0;
}
