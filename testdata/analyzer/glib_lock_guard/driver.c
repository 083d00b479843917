// A getter that holds the driver's lock only while it reads (libxlDriverConfigGet()).
#include "guard.h"

struct driver qemu_driver;

int driverConfigGet(struct driver *d) {
  VIR_LOCK_GUARD lock = virLockGuardLock(&d->lock);
  return d->config;
}

// The guard given back early (virNWFilterSnoopReqLeaseAdd()): virLockGuardUnlock(&lock) releases
// the driver's lock (the guard's field holds the mutex virLockGuardLock() was given) before vm's
// is taken, and the cleanup then has nothing to release.
int driverConfigBump(struct driver *d) {
  VIR_LOCK_GUARD lock = virLockGuardLock(&d->lock);
  int c = ++d->config;
  virLockGuardUnlock(&lock);
  virMutexLock(&vm.lock);
  vm.n = c;
  virMutexUnlock(&vm.lock);
  return c;
}
