#include <pthread.h>

pthread_mutex_t accounts_lock = PTHREAD_MUTEX_INITIALIZER;
extern pthread_mutex_t log_lock;
long balance;
int log_entries;

void *deposit_thread(void *p) {
  (void)p;
  pthread_mutex_lock(&accounts_lock);  // EXPECT: lock-order-inversion accounts_lock => log_lock => accounts_lock
  balance += 10;
  pthread_mutex_lock(&log_lock);  // EXPECT: lock-order-inversion accounts_lock => log_lock => accounts_lock
  log_entries++;
  pthread_mutex_unlock(&log_lock);
  pthread_mutex_unlock(&accounts_lock);
  return 0;
}

long bank_total(void) {
  pthread_mutex_lock(&accounts_lock);  // EXPECT: lock-order-inversion accounts_lock => log_lock => accounts_lock
  long b = balance;
  pthread_mutex_unlock(&accounts_lock);
  return b;
}
