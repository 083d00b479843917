// The lock taken first (with nothing else held) is recorded by address only; a lock taken on top
// of it reuses the last validation at that depth only when the first lock is the same one. The
// worker takes A then B 100 times, then C then B: a new edge C -> B, although B is taken at the
// same depth as before. With the other thread's B -> C, a lock-order inversion.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t worker_done, other_done;

static void take(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);  // EXPECT: lock-order-inversion B => C => B
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    take(&A, &B);
  take(&C, &B);
  sem_post(&worker_done);
  sem_wait(&other_done);
  return NULL;
}

static void *other(void *arg) {
  (void)arg;
  sem_wait(&worker_done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&C);  // EXPECT: lock-order-inversion B => C => B
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  sem_post(&other_done);
  return NULL;
}

int main(void) {
  sem_init(&worker_done, 0, 0);
  sem_init(&other_done, 0, 0);
  pthread_t w, o;
  pthread_create(&w, NULL, worker, NULL);
  pthread_create(&o, NULL, other, NULL);
  pthread_join(w, NULL);
  pthread_join(o, NULL);
  return 0;
}
