// STATIC-RUN:
#include <pthread.h>

#include "acct.h"

pthread_mutex_t journal_lock = PTHREAD_MUTEX_INITIALIZER;
struct acct savings = {PTHREAD_MUTEX_INITIALIZER, 0};
long journal_entries;

static void *deposit(void *p) {
  (void)p;
  acct_lock(&savings);               // EXPECT: lock-order-inversion savings => journal_lock => savings
  savings.balance += 10;
  pthread_mutex_lock(&journal_lock);  // EXPECT: lock-order-inversion savings => journal_lock => savings
  journal_entries++;
  pthread_mutex_unlock(&journal_lock);
  acct_unlock(&savings);
  return 0;
}

static void *audit(void *p) {
  (void)p;
  pthread_mutex_lock(&journal_lock);  // EXPECT: lock-order-inversion savings => journal_lock => savings
  acct_lock(&savings);                // EXPECT: lock-order-inversion savings => journal_lock => savings
  journal_entries += savings.balance;
  acct_unlock(&savings);
  pthread_mutex_unlock(&journal_lock);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, deposit, 0);
  pthread_create(&b, 0, audit, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
