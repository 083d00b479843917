// A lock-order cycle of length 3 over three concurrent threads: A -> B, B -> C, C -> A. Each
// edge's blocking acquisition is a site of the one finding. Semaphores pass the turn from thread
// to thread, so the run does not deadlock.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t turn[4];  // turn[i]: thread i may go; turn[3]: all three are done
sem_t done;

static void *t0(void *arg) {
  (void)arg;
  sem_wait(&turn[0]);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => C => A
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
  pthread_mutex_lock(&C);  // EXPECT: lock-order-inversion A => B => C => A
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  sem_post(&turn[2]);
  sem_wait(&done);
  return NULL;
}

static void *t2(void *arg) {
  (void)arg;
  sem_wait(&turn[2]);
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion B => C => A => B
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&C);
  sem_post(&turn[3]);
  sem_wait(&done);
  return NULL;
}

int main(void) {
  for (int i = 0; i < 4; i++)
    sem_init(&turn[i], 0, 0);
  sem_init(&done, 0, 0);
  pthread_t t[3];
  pthread_create(&t[0], NULL, t0, NULL);
  pthread_create(&t[1], NULL, t1, NULL);
  pthread_create(&t[2], NULL, t2, NULL);
  sem_post(&turn[0]);
  sem_wait(&turn[3]);
  for (int i = 0; i < 3; i++)
    sem_post(&done);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
