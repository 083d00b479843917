// The back end: a recursive mutex when alloc is given LOCKTYPE_RECURSIVE (through a file-static
// attribute set recursive when the table is filled), a default one otherwise.
#include <stdlib.h>
#include <string.h>

#include "locks.h"

struct lock_callbacks lock_fns;
static pthread_mutexattr_t attr_recursive;

static void *posix_lock_alloc(unsigned locktype) {
  pthread_mutexattr_t *attr = NULL;
  pthread_mutex_t *lock = malloc(sizeof *lock);
  if (!lock)
    return NULL;
  if (locktype & LOCKTYPE_RECURSIVE)
    attr = &attr_recursive;
  if (pthread_mutex_init(lock, attr)) {
    free(lock);
    return NULL;
  }
  return lock;
}

static void posix_lock_free(void *lock_, unsigned locktype) {
  (void)locktype;
  pthread_mutex_destroy(lock_);
  free(lock_);
}

static int posix_lock(unsigned mode, void *lock_) {
  pthread_mutex_t *lock = lock_;
  if (mode & 1)
    return pthread_mutex_trylock(lock);
  return pthread_mutex_lock(lock);
}

static int posix_unlock(unsigned mode, void *lock_) {
  (void)mode;
  return pthread_mutex_unlock(lock_);
}

int use_pthreads(void) {
  struct lock_callbacks cbs = {1, LOCKTYPE_RECURSIVE, posix_lock_alloc, posix_lock_free, posix_lock, posix_unlock};
  memcpy(&lock_fns, &cbs, sizeof cbs);
  if (pthread_mutexattr_init(&attr_recursive))
    return -1;
  if (pthread_mutexattr_settype(&attr_recursive, PTHREAD_MUTEX_RECURSIVE))
    return -1;
  return 0;
}
