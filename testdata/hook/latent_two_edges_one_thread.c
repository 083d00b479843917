// A 3-cycle that needs three threads, made by two: T1 takes A -> B and, later and separately,
// B -> C; T2 takes C -> A while T1 is alive. A deadlock needs one thread holding A and waiting
// for B, another holding B and waiting for C, a third holding C and waiting for A: T1 is never
// two of them at once (it never holds A while taking C), so this run cannot deadlock. A
// latent-lock-order, not a lock-order-inversion (the counterpart of cycle3.c and
// nested_two_threads_3cycle.c).
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
  pthread_mutex_lock(&B);  // EXPECT: latent-lock-order A => B => C => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);

  pthread_mutex_lock(&B);
  pthread_mutex_lock(&C);  // EXPECT: latent-lock-order A => B => C => A
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  sem_post(&t1_done);
  sem_wait(&t2_done);
  return NULL;
}

static void *t2(void *arg) {
  (void)arg;
  sem_wait(&t1_done);
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => C => A
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
