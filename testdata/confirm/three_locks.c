// A real three-lock inversion (A -> B, B -> C, C -> A) whose threads start 100 ms apart, so an
// ordinary run never overlaps them. Under `lockgraph run --confirm`, the first two threads are
// held at their edges (each holding its first lock) until the third holds C and asks for A: the
// three go on into a three-thread deadlock, which confirms the inversion.
// HOOK-RUN:
// CONFIRM: confirmed A => B => C => A
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;

static void take(pthread_mutex_t *first, pthread_mutex_t *second, int delay_ms) {
  usleep(delay_ms * 1000);
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);  // EXPECT: lock-order-inversion A => B => C => A
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

static void *ab(void *arg) {
  (void)arg;
  take(&A, &B, 0);
  return NULL;
}

static void *bc(void *arg) {
  (void)arg;
  take(&B, &C, 100);
  return NULL;
}

static void *ca(void *arg) {
  (void)arg;
  take(&C, &A, 200);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], NULL, ab, NULL);
  pthread_create(&t[1], NULL, bc, NULL);
  pthread_create(&t[2], NULL, ca, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
