// The counterpart of latent_two_edges_one_thread.c: T1 takes A, B, C nested (it holds A while
// it takes C), T2 takes C -> A. The graph's cycle is A -> B -> C -> A (an edge comes from the
// newest held lock, as in lockdep), but two threads suffice: T1 holding A (and B) waits for C
// while T2 holding C waits for A. A lock-order-inversion.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t t1_done, t2_done;

static void *t1(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => C => A
  pthread_mutex_lock(&C);  // EXPECT: lock-order-inversion A => B => C => A
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&t1_done);
  sem_wait(&t2_done);
  return NULL;
}

static void *t2(void *arg) {
  (void)arg;
  sem_wait(&t1_done);
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => C => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&C);
  sem_post(&t2_done);
  return NULL;
}

int main(void) {
  sem_init(&t1_done, 0, 0);
  sem_init(&t2_done, 0, 0);
  pthread_t a, b;
  pthread_create(&a, NULL, t1, NULL);
  pthread_create(&b, NULL, t2, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
