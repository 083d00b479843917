// Suppressions: the inversion is silenced by NOLINT on one of its acquisitions, the
// race by NOLINTNEXTLINE. Clean.
// STATIC-RUN:
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
int hits;

static void *one(void *p) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // NOLINT(lockgraph-lock-order-inversion): B is never held long
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  // NOLINTNEXTLINE(lockgraph-unlocked-rmw)
  hits++;
  return p;
}

static void *two(void *p) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return p;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, one, 0);
  pthread_create(&b, 0, two, 0);
  pthread_create(&c, 0, one, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
