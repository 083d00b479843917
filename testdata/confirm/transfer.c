// Per-object locks, one site for both orders: transfer(x, y) and, 200 ms later, transfer(y, x)
// lock `from` then `to`. The two edges have the same sites, so confirm mode tells them apart by
// the locks themselves (the lock each paused thread holds must be the one the other wants) -
// here they chain, and the steered run deadlocks: confirmed. The accounts live on the heap, so
// nothing of the lock's address carries over between runs; only the sites do.
// HOOK-RUN:
// CONFIRM: confirmed
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

struct account {
  pthread_mutex_t mu;
  long balance;
};

static struct account *x, *y;

static struct account *open_account(long balance) {
  struct account *a = malloc(sizeof *a);
  pthread_mutex_init(&a->mu, NULL);
  a->balance = balance;
  return a;
}

static void transfer(struct account *from, struct account *to, long amount) {
  pthread_mutex_lock(&from->mu);
  pthread_mutex_lock(&to->mu);  // EXPECT: lock-order-inversion
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->mu);
  pthread_mutex_unlock(&from->mu);
}

static void *pay(void *arg) {
  (void)arg;
  transfer(x, y, 10);
  return NULL;
}

static void *refund(void *arg) {
  (void)arg;
  usleep(200 * 1000);
  transfer(y, x, 10);
  return NULL;
}

int main(void) {
  x = open_account(100);
  y = open_account(100);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, pay, NULL);
  pthread_create(&t2, NULL, refund, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return x->balance + y->balance == 200 ? 0 : 1;
}
