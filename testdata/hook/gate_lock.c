// A cycle whose edges are all taken under a common gate lock G cannot deadlock: only one thread at
// a time can be inside G, so the inverted A/B orders never overlap. No finding. (The threads run
// freely, without sequencing: G alone makes it safe.)
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>

enum { kRounds = 200 };

pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static void *forward(void *arg) {
  (void)arg;
  for (int i = 0; i < kRounds; i++) {
    pthread_mutex_lock(&G);
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&G);
  }
  return NULL;
}

static void *backward(void *arg) {
  (void)arg;
  for (int i = 0; i < kRounds; i++) {
    pthread_mutex_lock(&G);
    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&G);
  }
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, forward, NULL);
  pthread_create(&t2, NULL, backward, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
