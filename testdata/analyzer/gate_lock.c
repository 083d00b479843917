// A and B are taken in both orders, but always under the common gate lock G:
// the two orders can never run at the same time. Clean.
// STATIC-RUN:
// No TSAN line: TSan's deadlock detector does not model gate locks: it would report the gated cycle.
#include <pthread.h>

pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int x;

static void a_then_b(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  x++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void *one(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&G);
    a_then_b();
    pthread_mutex_unlock(&G);
  }
  return 0;
}

static void *two(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&G);
    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);
    x--;
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&G);
  }
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, one, 0);
  pthread_create(&b, 0, two, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return x;
}
