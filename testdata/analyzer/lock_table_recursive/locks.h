// A lock API behind a table whose alloc takes a type flag (libevent's evthread_lock_fns_:
// EVTHREAD_ALLOC_LOCK(buf->lock, EVTHREAD_LOCKTYPE_RECURSIVE)). The back end (posix.c) makes
// a recursive mutex when the flag is set and a plain one otherwise.
#include <pthread.h>

#define LOCKTYPE_RECURSIVE 1

struct lock_callbacks {
  int api_version;
  unsigned supported_locktypes;
  void *(*alloc)(unsigned locktype);
  void (*free)(void *lock, unsigned locktype);
  int (*lock)(unsigned mode, void *lock);
  int (*unlock)(unsigned mode, void *lock);
};

extern struct lock_callbacks lock_fns;
int use_pthreads(void);

#define ALLOC_LOCK(lockvar, locktype) ((lockvar) = lock_fns.alloc ? lock_fns.alloc(locktype) : 0)
#define LOCK(lockvar)              \
  do {                             \
    if (lockvar)                   \
      lock_fns.lock(0, lockvar);   \
  } while (0)
#define UNLOCK(lockvar)            \
  do {                             \
    if (lockvar)                   \
      lock_fns.unlock(0, lockvar); \
  } while (0)
