// The gate must guard every edge of the cycle. Here the A -> B edge is taken under G but the B -> A
// edge is not: the threads can deadlock (forward holds G and A, backward holds B and wants A).
// A lock-order-inversion. (Sequenced by semaphores, so the run itself does not hang.)
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t first_done, second_done;

static void *forward(void *arg) {
  (void)arg;
  pthread_mutex_lock(&G);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&G);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *backward(void *arg) {
  (void)arg;
  sem_wait(&first_done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&second_done);
  return NULL;
}

int main(void) {
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, forward, NULL);
  pthread_create(&t2, NULL, backward, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
