// Lock wrappers as libuv writes them (src/unix/thread.c): the lock call's result is checked
// and a failure aborts. The failure branch does not hold the lock, but it never returns
// either: every path that returns holds it, so each wrapper is an acquire (or a release) of
// its argument for the callers in main.c (the analyzer's second pass).
#include <stdlib.h>

#include "mutex.h"

void xmutex_lock(xmutex_t *m) {
  if (pthread_mutex_lock(m))
    abort();
}

void xmutex_unlock(xmutex_t *m) {
  if (pthread_mutex_unlock(m))
    abort();
}

void xrwlock_wrlock(xrwlock_t *l) {
  int err = pthread_rwlock_wrlock(l);
  if (err != 0)
    abort();
}

void xrwlock_wrunlock(xrwlock_t *l) {
  if (pthread_rwlock_unlock(l))
    abort();
}
