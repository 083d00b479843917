// rsyslog's wtpShutdownAll() (runtime/wtp.c) releases its lock through a cancellation cleanup
// handler defined in another file (runtime/srutils.c): a net acquire only until util.c's handler
// is known. account_lock() takes its lock only through util.c's wrapper.
#include <pthread.h>

#include "pool.h"

int pool_shutdown(struct pool *p, const struct timespec *t) {
  int rc = 0;
  pthread_mutex_lock(&p->mut);
  pthread_cleanup_push(cancel_unlock, &p->mut);
  while (p->running > 0 && rc == 0) rc = pthread_cond_timedwait(&p->done, &p->mut, t);
  pthread_cleanup_pop(1);
  return rc;
}

void account_lock(struct account *a) { lock_raw(&a->mu); }
void account_unlock(struct account *a) { pthread_mutex_unlock(&a->mu); }
