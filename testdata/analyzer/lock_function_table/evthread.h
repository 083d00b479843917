// A lock API behind a table of function pointers, as libevent's evthread: the core calls
// lock_fns.lock(mode, lock) and the threading back end fills the table with pthread
// functions (evthread_posix.c).
#include <pthread.h>

struct lock_callbacks {
  int api_version;
  void *(*alloc)(unsigned type);
  void (*free)(void *lock);
  int (*lock)(unsigned mode, void *lock);
  int (*unlock)(unsigned mode, void *lock);
};

extern struct lock_callbacks lock_fns;
int use_pthreads(void);

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
