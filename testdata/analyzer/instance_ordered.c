// The fix of instance_transfer.c: the two instances are always locked in address
// order. Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>

struct account {
  pthread_mutex_t mu;
  long balance;
};

struct account alice = {PTHREAD_MUTEX_INITIALIZER, 100}, bob = {PTHREAD_MUTEX_INITIALIZER, 100};

static void transfer(struct account *from, struct account *to, long amount) {
  struct account *first = from < to ? from : to;
  struct account *second = from < to ? to : from;
  pthread_mutex_lock(&first->mu);
  pthread_mutex_lock(&second->mu);
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&second->mu);
  pthread_mutex_unlock(&first->mu);
}

static void *pay(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++)
    transfer(&alice, &bob, 1);
  return 0;
}

static void *refund(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++)
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
