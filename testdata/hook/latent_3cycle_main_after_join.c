// Each edge of the cycle overlaps some other edge, yet no three threads, one per edge and all
// alive at once, can make it: T1 takes A -> B and is joined by main; T2 takes B -> C and stays
// alive; then main takes C -> A. T1 and T2 overlap, T2 and main overlap, but main's edge comes
// after T1 was joined. Concurrency is decided for the cycle as a whole: a latent-lock-order.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t t1_done, t2_done, main_done;

static void *t1(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: latent-lock-order A => B => C => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&t1_done);
  return NULL;
}

static void *t2(void *arg) {
  (void)arg;
  sem_wait(&t1_done);  // T1 has made its edge: the two overlap
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&C);  // EXPECT: latent-lock-order A => B => C => A
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  sem_post(&t2_done);
  sem_wait(&main_done);
  return NULL;
}

int main(void) {
  sem_init(&t1_done, 0, 0);
  sem_init(&t2_done, 0, 0);
  sem_init(&main_done, 0, 0);
  pthread_t a, b;
  pthread_create(&a, NULL, t1, NULL);
  pthread_create(&b, NULL, t2, NULL);
  sem_wait(&t2_done);
  pthread_join(a, NULL);
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => C => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&C);
  sem_post(&main_done);
  pthread_join(b, NULL);
  return 0;
}
