// A lock API behind a table of function pointers, as libevent's evthread: the core calls
// lock_fns.lock(mode, lock) through EVLOCK_LOCK and the threading back end fills the table
// with functions that call pthread (evthread_posix.c); a debugging layer (evthread_debug.c)
// may wrap them. No config line: the analyzer follows the table by itself.
#include <pthread.h>

struct lock_callbacks {
  int api_version;
  void *(*alloc)(unsigned type);
  void (*free)(void *lock);
  int (*lock)(unsigned mode, void *lock);
  int (*unlock)(unsigned mode, void *lock);
};

// a table of event callbacks: any function, not locks (never followed)
struct event_ops {
  void (*on_ready)(void *arg);
};

extern struct lock_callbacks lock_fns;
int use_pthreads(void);
void enable_lock_debugging(void);

#define EVLOCK_LOCK(lockvar, mode)             \
  do {                                         \
    if (lockvar)                               \
      lock_fns.lock(mode, lockvar);            \
  } while (0)
#define EVLOCK_UNLOCK(lockvar, mode)           \
  do {                                         \
    if (lockvar)                               \
      lock_fns.unlock(mode, lockvar);          \
  } while (0)
