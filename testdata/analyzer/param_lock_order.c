// A helper takes the two locks it is given in argument order; callers pass them in
// opposite orders. The edge is mapped back through the call sites.
// STATIC-RUN:
#include <pthread.h>

pthread_mutex_t inbox = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t outbox = PTHREAD_MUTEX_INITIALIZER;
int moved;

static void lock_pair(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);   // EXPECT: lock-order-inversion inbox => outbox => inbox
  pthread_mutex_lock(second);  // EXPECT: lock-order-inversion inbox => outbox => inbox
}

static void unlock_pair(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

static void *deliver(void *p) {
  (void)p;
  lock_pair(&inbox, &outbox);  // EXPECT: lock-order-inversion inbox => outbox => inbox
  moved++;
  unlock_pair(&inbox, &outbox);
  return 0;
}

static void *bounce(void *p) {
  (void)p;
  lock_pair(&outbox, &inbox);  // EXPECT: lock-order-inversion inbox => outbox => inbox
  moved--;
  unlock_pair(&outbox, &inbox);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, deliver, 0);
  pthread_create(&b, 0, bounce, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
