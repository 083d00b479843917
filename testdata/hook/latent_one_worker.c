// Both orders of A and B taken by one worker thread while main only waits in join: all edges of
// the cycle come from one thread, a latent-lock-order.
// HOOK-RUN:
// CONFIRM: not-reproduced -- latent: one thread makes both edges
// TSAN: clean
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++) {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);  // EXPECT: latent-lock-order A => B => A
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);

    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => A
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
