// An ordering test that orders nothing: both branches of `if (from->id < to->id)` lock
// `from` and then `to`, so pay() and refund(), which pass the accounts in opposite orders,
// can deadlock. move() tests the same way but swaps the order in its else branch: that is an
// ordering guard, and its callers in both orders are fine.
// STATIC-RUN:
#include <pthread.h>

struct account {
  pthread_mutex_t mu;
  int id;
  long balance;
};

struct account alice = {PTHREAD_MUTEX_INITIALIZER, 1, 100}, bob = {PTHREAD_MUTEX_INITIALIZER, 2, 100};

static void transfer(struct account *from, struct account *to, long amount) {
  if (from->id < to->id) {
    pthread_mutex_lock(&from->mu);  // EXPECT-STATIC: instance-order-inversion account::mu
    pthread_mutex_lock(&to->mu);    // EXPECT-STATIC: instance-order-inversion account::mu
  } else {
    pthread_mutex_lock(&from->mu);  // EXPECT-STATIC: instance-order-inversion account::mu
    pthread_mutex_lock(&to->mu);    // EXPECT-STATIC: instance-order-inversion account::mu
  }
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->mu);
  pthread_mutex_unlock(&from->mu);
}

static void move(struct account *from, struct account *to, long amount) {
  if (from->id < to->id) {
    pthread_mutex_lock(&from->mu);
    pthread_mutex_lock(&to->mu);
  } else {
    pthread_mutex_lock(&to->mu);
    pthread_mutex_lock(&from->mu);
  }
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->mu);
  pthread_mutex_unlock(&from->mu);
}

static void *pay(void *p) {
  for (int i = 0; i < 1000; i++) {
    transfer(&alice, &bob, 1);
    move(&alice, &bob, 1);
  }
  return p;
}

static void *refund(void *p) {
  for (int i = 0; i < 1000; i++) {
    transfer(&bob, &alice, 1);
    move(&bob, &alice, 1);
  }
  return p;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, pay, 0);
  pthread_create(&b, 0, refund, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
