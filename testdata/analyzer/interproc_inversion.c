// Inversion through calls: lock_outer() holds M1 and calls helper(), which takes M2;
// another path holds M2 and calls a function that takes M1.
// STATIC-RUN:
#include <pthread.h>

pthread_mutex_t M1 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M2 = PTHREAD_MUTEX_INITIALIZER;
int shared_a, shared_b;

static void take_m2(void) {
  pthread_mutex_lock(&M2);  // EXPECT: lock-order-inversion M1 => M2 => M1
  shared_b++;
  pthread_mutex_unlock(&M2);
}

static void take_m1(void) {
  pthread_mutex_lock(&M1);  // EXPECT: lock-order-inversion M1 => M2 => M1
  shared_a++;
  pthread_mutex_unlock(&M1);
}

static void helper(void) { take_m2(); }

static void *first(void *p) {
  (void)p;
  pthread_mutex_lock(&M1);  // EXPECT: lock-order-inversion M1 => M2 => M1
  helper();
  pthread_mutex_unlock(&M1);
  return 0;
}

static void *second(void *p) {
  (void)p;
  pthread_mutex_lock(&M2);  // EXPECT: lock-order-inversion M1 => M2 => M1
  take_m1();
  pthread_mutex_unlock(&M2);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, first, 0);
  pthread_create(&b, 0, second, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
