// The first thread is joined before the second is created: their edges A -> B and B -> A can never
// be taken at the same time. A latent-lock-order, not a lock-order-inversion.
// HOOK-RUN:
// CONFIRM: not-reproduced -- latent: the second thread starts after the first is joined
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

static void *backward(void *arg) {
  (void)arg;
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, forward, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, backward, NULL);
  pthread_join(t, NULL);
  return 0;
}
