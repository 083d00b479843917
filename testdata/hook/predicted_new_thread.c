// A thread's state (and the records left in it) serves the next thread once the first one ends.
// T1 takes A then B 100 times and is joined; T2, created next (on T1's state), takes A then B
// once while T3, alive at the same time, takes B then A. T2's A -> B must count as T2's own - T1
// could not meet T3, T2 can: a lock-order inversion, not a latent one. Reusing T1's validation
// for T2 would leave T2 out of the edge's threads.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t t2_done, t3_done;

static void *t1(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);
  }
  return NULL;
}

static void *t2(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&t2_done);
  sem_wait(&t3_done);
  return NULL;
}

static void *t3(void *arg) {
  (void)arg;
  sem_wait(&t2_done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&t3_done);
  return NULL;
}

int main(void) {
  sem_init(&t2_done, 0, 0);
  sem_init(&t3_done, 0, 0);
  pthread_t a, b, c;
  pthread_create(&a, NULL, t1, NULL);
  pthread_join(a, NULL);
  pthread_create(&b, NULL, t2, NULL);
  pthread_create(&c, NULL, t3, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return 0;
}
