#include <pthread.h>
struct acct {
  pthread_mutex_t mu;
  long balance;
};
void acct_lock(struct acct *a);
void acct_unlock(struct acct *a);
