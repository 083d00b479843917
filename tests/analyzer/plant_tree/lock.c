#include <stdlib.h>

#include "store.h"

/* Lock wrappers as libuv writes them (uv_mutex_lock): the lock call's result is checked and
 * a failure aborts. The analyzer sees a lock through them only when every path that returns
 * holds it; the harness then finds the sites that call them (store.c). */
void mutex_lock(pthread_mutex_t *m) {
  if (pthread_mutex_lock(m))
    abort();
}

void mutex_unlock(pthread_mutex_t *m) {
  if (pthread_mutex_unlock(m))
    abort();
}

/* A lock table as libevent's evthread_lock_fns_: filled with the pthread functions, the code
 * locks through it (store_journal()). The analyzer names the lock passed through the table;
 * the harness marks plants of such sites "fp". */
static int table_lock_fn(void *m) { return pthread_mutex_lock(m); }
static int table_unlock_fn(void *m) { return pthread_mutex_unlock(m); }
struct lock_fns lock_fns = {table_lock_fn, table_unlock_fn};
