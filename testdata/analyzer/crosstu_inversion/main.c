// Cross-TU inversion: bank.c takes accounts_lock then log_lock; audit.c takes
// log_lock then (through bank_total()) accounts_lock.
// STATIC-RUN:
#include <pthread.h>

void *deposit_thread(void *);
void *audit_thread(void *);

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, deposit_thread, 0);
  pthread_create(&b, 0, audit_thread, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
