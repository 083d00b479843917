// The same two rwlocks, but one side writes: a writer waits for the reader that
// waits for it. An inversion.
// STATIC-RUN:
#include <pthread.h>

pthread_rwlock_t config = PTHREAD_RWLOCK_INITIALIZER;
pthread_rwlock_t routes = PTHREAD_RWLOCK_INITIALIZER;
int config_v, routes_v;

static void *reload(void *p) {
  (void)p;
  pthread_rwlock_wrlock(&config);  // EXPECT: lock-order-inversion config => routes => config
  pthread_rwlock_wrlock(&routes);  // EXPECT: lock-order-inversion config => routes => config
  config_v++;
  routes_v++;
  pthread_rwlock_unlock(&routes);
  pthread_rwlock_unlock(&config);
  return 0;
}

static void *report(void *p) {
  (void)p;
  pthread_rwlock_rdlock(&routes);  // EXPECT: lock-order-inversion config => routes => config
  pthread_rwlock_rdlock(&config);  // EXPECT: lock-order-inversion config => routes => config
  int s = config_v + routes_v;
  pthread_rwlock_unlock(&config);
  pthread_rwlock_unlock(&routes);
  return (void *)(long)s;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, reload, 0);
  pthread_create(&b, 0, report, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
