// A cycle first seen as latent becomes a real inversion later. T1 takes A -> B and is joined;
// T2 then takes B -> A: as observed so far only latent (T1 and T2 never run at the same time).
// While T2 is still alive, T3 takes A -> B: now the cycle has edges from concurrent threads (T2,
// T3). The cycle is reported once, as a lock-order-inversion, and its A -> B evidence must be T3's
// acquisition (line of T3's lock of B), the one that can actually meet T2's B -> A; T1's cannot.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t t2_done, t3_done;

static void *t1(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

static void take_b_then_a(void) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
}

static void *t2(void *arg) {
  (void)arg;
  take_b_then_a();
  sem_post(&t2_done);
  sem_wait(&t3_done);
  return NULL;
}

static void *t3(void *arg) {
  (void)arg;
  sem_wait(&t2_done);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
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
