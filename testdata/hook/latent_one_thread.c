// Both orders of A and B taken by a single thread (main; no other thread exists): the
// inconsistency cannot deadlock as observed, so it is a latent-lock-order, not a
// lock-order-inversion.
// HOOK-RUN:
// CONFIRM: not-reproduced -- latent: one thread makes both edges
// TSAN: clean
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);

  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}
