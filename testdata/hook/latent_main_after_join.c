// main is alive during the worker's whole life, but its B -> A edge comes after it joined the
// worker that took A -> B: ordered by join, the two edges can never be taken at the same time.
// A latent-lock-order (threads ordered by create/join), not a lock-order-inversion.
// HOOK-RUN:
// CONFIRM: not-reproduced -- latent: main makes its edge after joining the other thread
// TSAN: clean
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static void *forward(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, forward, NULL);
  pthread_join(t, NULL);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}
