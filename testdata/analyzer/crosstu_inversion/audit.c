#include <pthread.h>

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
extern int log_entries;
long bank_total(void);
long last_total;

void *audit_thread(void *p) {
  (void)p;
  pthread_mutex_lock(&log_lock);  // EXPECT: lock-order-inversion accounts_lock => log_lock => accounts_lock
  last_total = bank_total();      // EXPECT: lock-order-inversion accounts_lock => log_lock => accounts_lock
  log_entries++;
  pthread_mutex_unlock(&log_lock);
  return 0;
}
