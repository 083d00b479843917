// transfer(from, to) locks from->mu then to->mu: two transfers with swapped
// arguments deadlock. Its own kind, on the second acquisition.
// STATIC-RUN:
#include <pthread.h>

struct account {
  pthread_mutex_t mu;
  long balance;
};

struct account alice = {PTHREAD_MUTEX_INITIALIZER, 100}, bob = {PTHREAD_MUTEX_INITIALIZER, 100};

static void transfer(struct account *from, struct account *to, long amount) {
  pthread_mutex_lock(&from->mu);  // EXPECT: instance-order-inversion account::mu
  pthread_mutex_lock(&to->mu);    // EXPECT: instance-order-inversion account::mu
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->mu);
  pthread_mutex_unlock(&from->mu);
}

static void *pay(void *p) {
  (void)p;
  transfer(&alice, &bob, 1);
  return 0;
}

static void *refund(void *p) {
  (void)p;
  transfer(&bob, &alice, 1);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, pay, 0);
  pthread_create(&b, 0, refund, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
