// Two rwlocks taken in both orders, but only for reading: readers do not block
// each other, so the cycle is not a deadlock. Clean.
// STATIC-RUN:
// No TSAN line: TSan's deadlock detector reports read-only cycles.
#include <pthread.h>

pthread_rwlock_t config = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t routes = PTHREAD_RWLOCK_INITIALIZER;
int config_v = 1, routes_v = 2;

static void *lookup(void *p) {
  int s = 0;
  for (int i = 0; i < 1000; i++) {
    pthread_rwlock_rdlock(&config);
    pthread_rwlock_rdlock(&routes);
    s += config_v + routes_v;
    pthread_rwlock_unlock(&routes);
    pthread_rwlock_unlock(&config);
  }
  *(int *)p = s;
  return 0;
}

static void *report(void *p) {
  int s = 0;
  for (int i = 0; i < 1000; i++) {
    pthread_rwlock_rdlock(&routes);
    pthread_rwlock_rdlock(&config);
    s += config_v * routes_v;
    pthread_rwlock_unlock(&config);
    pthread_rwlock_unlock(&routes);
  }
  *(int *)p = s;
  return 0;
}

int main(void) {
  pthread_t a, b;
  int ra, rb;
  pthread_create(&a, 0, lookup, &ra);
  pthread_create(&b, 0, report, &rb);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
