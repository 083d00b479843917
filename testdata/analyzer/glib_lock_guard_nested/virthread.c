// The guard's functions, in their own TU as in libvirt (src/util/virthread.c).
#include "guard.h"

void virMutexLock(virMutex *m) { pthread_mutex_lock(&m->lock); }
void virMutexUnlock(virMutex *m) { pthread_mutex_unlock(&m->lock); }

virLockGuard virLockGuardLock(virMutex *m) {
  virLockGuard l = {m};
  virMutexLock(m);
  return l;
}

void virLockGuardUnlock(virLockGuard *l) {
  if (!l || !l->mutex)
    return;
  virMutexUnlock(g_steal_pointer(&l->mutex));
}
