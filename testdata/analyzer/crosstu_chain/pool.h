#include <pthread.h>
#include <time.h>

struct pool {
  pthread_mutex_t mut;
  pthread_cond_t done;
  int running;
};
struct account {
  pthread_mutex_t mu;
  long balance;
};

void cancel_unlock(void *m);                      // util.c: a cancellation cleanup handler
void lock_raw(pthread_mutex_t *m);                // util.c: a lock wrapper
int pool_shutdown(struct pool *p, const struct timespec *t);  // pool.c
void account_lock(struct account *a);             // pool.c: a wrapper of util.c's wrapper
void account_unlock(struct account *a);           // pool.c
