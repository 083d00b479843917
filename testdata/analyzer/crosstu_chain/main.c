// STATIC-RUN:
// Summaries two TUs deep: pool_shutdown() takes nothing (its handler in util.c releases the lock),
// so calling it twice, or under and before `queue_lock`, is no finding; account_lock() takes the
// account's lock (through util.c's lock_raw), so the order against `ledger_lock` inverts.
#include <pthread.h>

#include "pool.h"

pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t ledger_lock = PTHREAD_MUTEX_INITIALIZER;
struct pool workers = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
struct account savings = {PTHREAD_MUTEX_INITIALIZER, 0};
long ledger_entries;

static void *stopper(void *arg) {
  (void)arg;
  pool_shutdown(&workers, 0);
  pool_shutdown(&workers, 0);  // no self-deadlock: the first call released workers.mut
  pthread_mutex_lock(&queue_lock);
  pool_shutdown(&workers, 0);
  pthread_mutex_unlock(&queue_lock);
  return 0;
}

static void *drainer(void *arg) {
  (void)arg;
  pool_shutdown(&workers, 0);
  pthread_mutex_lock(&queue_lock);  // not held with workers.mut: no cycle with stopper()
  pthread_mutex_unlock(&queue_lock);
  return 0;
}

static void *depositor(void *arg) {
  (void)arg;
  account_lock(&savings);            // EXPECT: lock-order-inversion savings => ledger_lock => savings
  savings.balance += 10;
  pthread_mutex_lock(&ledger_lock);  // EXPECT: lock-order-inversion savings => ledger_lock => savings
  ledger_entries++;
  pthread_mutex_unlock(&ledger_lock);
  account_unlock(&savings);
  return 0;
}

static void *auditor(void *arg) {
  (void)arg;
  pthread_mutex_lock(&ledger_lock);  // EXPECT: lock-order-inversion savings => ledger_lock => savings
  account_lock(&savings);            // EXPECT: lock-order-inversion savings => ledger_lock => savings
  ledger_entries += savings.balance;
  account_unlock(&savings);
  pthread_mutex_unlock(&ledger_lock);
  return 0;
}

int main(void) {
  pthread_t t[4];
  pthread_create(&t[0], 0, stopper, 0);
  pthread_create(&t[1], 0, drainer, 0);
  pthread_create(&t[2], 0, depositor, 0);
  pthread_create(&t[3], 0, auditor, 0);
  for (int i = 0; i < 4; ++i) pthread_join(t[i], 0);
  return 0;
}
