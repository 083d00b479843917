// A second cycle that runs through the edge of a first, already reported one: A -> B and B -> A
// make the first inversion; then A -> C and C -> B close A -> C -> B -> A, which uses B -> A
// again. Both are distinct cycles (the second is a three-thread deadlock) and both are reported.
// The edge C -> B agrees with the order kept for the graph, so only a search that follows the
// first cycle's closing edge finds the second. Semaphores pass the turn, so the run does not hang.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t turn[5];  // turn[i]: thread i may go; turn[4]: all are done
sem_t done;

static void *t0(void *arg) {
  (void)arg;
  sem_wait(&turn[0]);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&turn[1]);
  sem_wait(&done);
  return NULL;
}

static void *t1(void *arg) {
  (void)arg;
  sem_wait(&turn[1]);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&turn[2]);
  sem_wait(&done);
  return NULL;
}

static void *t2(void *arg) {
  (void)arg;
  sem_wait(&turn[2]);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&C);  // EXPECT: lock-order-inversion A => C => B => A
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&A);
  sem_post(&turn[3]);
  sem_wait(&done);
  return NULL;
}

static void *t3(void *arg) {
  (void)arg;
  sem_wait(&turn[3]);
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => C => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&C);
  sem_post(&turn[4]);
  sem_wait(&done);
  return NULL;
}

int main(void) {
  for (int i = 0; i < 5; i++)
    sem_init(&turn[i], 0, 0);
  sem_init(&done, 0, 0);
  pthread_t t[4];
  pthread_create(&t[0], NULL, t0, NULL);
  pthread_create(&t[1], NULL, t1, NULL);
  pthread_create(&t[2], NULL, t2, NULL);
  pthread_create(&t[3], NULL, t3, NULL);
  sem_post(&turn[0]);
  sem_wait(&turn[4]);
  for (int i = 0; i < 4; i++)
    sem_post(&done);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
