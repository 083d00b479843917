// A gate lock makes an inversion impossible: every A/B acquisition runs under G, so the inverted
// orders never overlap - no finding. Run with the argument `nogate`, the same lines run without
// G and the inversion is reported (tests/cli: that run's JSON is the input of `lockgraph run
// --confirm all --confirm-from` on the gated program, which must never confirm it: a paused
// thread holds G, the other one waits for G and never reaches its edge).
// HOOK-RUN:
#include <pthread.h>
#include <string.h>
#include <unistd.h>

enum { kRounds = 20 };

pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static int gated = 1;

static void *forward(void *arg) {
  (void)arg;
  for (int i = 0; i < kRounds; i++) {
    if (gated)
      pthread_mutex_lock(&G);
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);
    if (gated)
      pthread_mutex_unlock(&G);
  }
  return NULL;
}

static void *backward(void *arg) {
  (void)arg;
  usleep(200 * 1000);
  for (int i = 0; i < kRounds; i++) {
    if (gated)
      pthread_mutex_lock(&G);
    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
    if (gated)
      pthread_mutex_unlock(&G);
  }
  return NULL;
}

int main(int argc, char **argv) {
  gated = !(argc > 1 && strcmp(argv[1], "nogate") == 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, forward, NULL);
  pthread_create(&t2, NULL, backward, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
