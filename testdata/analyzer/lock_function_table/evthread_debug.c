// A debugging decorator over the table (libevent's debug_lock_lock): it calls the original
// functions through a saved copy and counts. It neither makes the table something else
// nor takes a lock of its own.
#include <string.h>

#include "evthread.h"

struct debug_lock {
  void *lock;
  int count;
};

static struct lock_callbacks original_fns;

static int debug_lock(unsigned mode, void *lock_) {
  struct debug_lock *l = lock_;
  int r = original_fns.lock(mode, l->lock);
  l->count++;
  return r;
}

static int debug_unlock(unsigned mode, void *lock_) {
  struct debug_lock *l = lock_;
  l->count--;
  return original_fns.unlock(mode, l->lock);
}

void enable_lock_debugging(void) {
  memcpy(&original_fns, &lock_fns, sizeof lock_fns);
  lock_fns.lock = debug_lock;
  lock_fns.unlock = debug_unlock;
}
