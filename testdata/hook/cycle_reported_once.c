// Each distinct cycle is reported once: two concurrent threads invert A and B in turn 1000 times
// each (ping-pong on semaphores). Exactly one lock-order-inversion; the runner fails on a
// second report of the same cycle.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

enum { kRounds = 1000 };

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t ping, pong;

static void *forward(void *arg) {
  (void)arg;
  for (int i = 0; i < kRounds; i++) {
    sem_wait(&ping);
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);
    sem_post(&pong);
  }
  return NULL;
}

static void *backward(void *arg) {
  (void)arg;
  for (int i = 0; i < kRounds; i++) {
    sem_wait(&pong);
    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
    sem_post(&ping);
  }
  return NULL;
}

int main(void) {
  sem_init(&ping, 0, 1);
  sem_init(&pong, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, forward, NULL);
  pthread_create(&t2, NULL, backward, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
