// A cycle of length three: L1 => L2 in one thread, L2 => L3 in another, L3 => L1 in a third.
// STATIC-RUN:
#include <pthread.h>

pthread_mutex_t L1 = PTHREAD_MUTEX_INITIALIZER, L2 = PTHREAD_MUTEX_INITIALIZER, L3 = PTHREAD_MUTEX_INITIALIZER;

static void *t12(void *p) {
  pthread_mutex_lock(&L1);  // EXPECT: lock-order-inversion L1 => L2 => L3 => L1
  pthread_mutex_lock(&L2);  // EXPECT: lock-order-inversion L1 => L2 => L3 => L1
  pthread_mutex_unlock(&L2);
  pthread_mutex_unlock(&L1);
  return p;
}

static void *t23(void *p) {
  pthread_mutex_lock(&L2);  // EXPECT: lock-order-inversion L1 => L2 => L3 => L1
  pthread_mutex_lock(&L3);  // EXPECT: lock-order-inversion L1 => L2 => L3 => L1
  pthread_mutex_unlock(&L3);
  pthread_mutex_unlock(&L2);
  return p;
}

static void *t31(void *p) {
  pthread_mutex_lock(&L3);  // EXPECT: lock-order-inversion L1 => L2 => L3 => L1
  pthread_mutex_lock(&L1);  // EXPECT: lock-order-inversion L1 => L2 => L3 => L1
  pthread_mutex_unlock(&L1);
  pthread_mutex_unlock(&L3);
  return p;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, t12, 0);
  pthread_create(&b, 0, t23, 0);
  pthread_create(&c, 0, t31, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
