#include <stdlib.h>
#include <string.h>

#include "evthread.h"

struct lock_callbacks lock_fns;

static void *posix_lock_alloc(unsigned type) {
  pthread_mutex_t *m = malloc(sizeof *m);
  (void)type;
  pthread_mutex_init(m, 0);
  return m;
}

static void posix_lock_free(void *lock_) { free(lock_); }

static int posix_lock(unsigned mode, void *lock_) {
  pthread_mutex_t *lock = lock_;
  if (mode & 1)
    return pthread_mutex_trylock(lock);
  return pthread_mutex_lock(lock);
}

static int posix_unlock(unsigned mode, void *lock_) {
  pthread_mutex_t *lock = lock_;
  (void)mode;
  return pthread_mutex_unlock(lock);
}

int use_pthreads(void) {
  static const struct lock_callbacks cbs = {1, posix_lock_alloc, posix_lock_free, posix_lock, posix_unlock};
  memcpy(&lock_fns, &cbs, sizeof cbs);
  return 0;
}
