// Both worker threads take A and B in opposite orders, each time under the gate G: they can
// never both hold one of them and wait for the other. A => B is also taken once without the
// gate, by main() while it still runs alone (before any thread starts): a caller that runs
// beside no thread does not take the gate away from the workers' edges. Clean.
// STATIC-RUN:
#include <pthread.h>

static pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static int x;

static void a_then_b(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  x++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void *one(void *p) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&G);
    a_then_b();
    pthread_mutex_unlock(&G);
  }
  return p;
}

static void *two(void *p) {
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&G);
    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);
    x--;
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&G);
  }
  return p;
}

int main(void) {
  pthread_t a, b;
  a_then_b();  // warm-up, alone
  pthread_create(&a, 0, one, 0);
  pthread_create(&b, 0, two, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return x;
}
