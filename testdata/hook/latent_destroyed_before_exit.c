// A latent cycle is reported at exit, after its locks were destroyed and many other locks came
// and went (their edges are recycled): the report must still name A and B and show the lines
// where each order was taken, not the evidence of some later edge that reused the memory.
// HOOK-RUN:
// CONFIRM: not-reproduced -- latent: one thread makes both edges
// TSAN: clean
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t A, B, G = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_init(&A, NULL);
  pthread_mutex_init(&B, NULL);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);

  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pthread_mutex_destroy(&A);
  pthread_mutex_destroy(&B);

  for (int i = 0; i < 1000; i++) {  // new locks, new edges G -> m: dead edges get reused
    pthread_mutex_t *m = malloc(sizeof *m);
    pthread_mutex_init(m, NULL);
    pthread_mutex_lock(&G);
    pthread_mutex_lock(m);
    pthread_mutex_unlock(m);
    pthread_mutex_unlock(&G);
    pthread_mutex_destroy(m);
    free(m);
  }
  return 0;
}
