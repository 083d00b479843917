// An edge remembers every thread that took it, not only the first. T1 takes A -> B and is joined;
// then T2 and T3 run at the same time: T3 takes A -> B, then T2 takes B -> A. T2's B -> A is
// sequential with T1's A -> B but concurrent with T3's: a lock-order-inversion (and no latent
// report for the same cycle).
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t t3_done, t2_done;

static void take_a_then_b(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void *t1(void *arg) {
  (void)arg;
  take_a_then_b();
  return NULL;
}

static void *t3(void *arg) {
  (void)arg;
  take_a_then_b();
  sem_post(&t3_done);
  sem_wait(&t2_done);
  return NULL;
}

static void *t2(void *arg) {
  (void)arg;
  sem_wait(&t3_done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&t2_done);
  return NULL;
}

int main(void) {
  sem_init(&t3_done, 0, 0);
  sem_init(&t2_done, 0, 0);
  pthread_t a, b, c;
  pthread_create(&a, NULL, t1, NULL);
  pthread_join(a, NULL);
  pthread_create(&b, NULL, t2, NULL);
  pthread_create(&c, NULL, t3, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return 0;
}
