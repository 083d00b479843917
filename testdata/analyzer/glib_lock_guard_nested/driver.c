// A getter that holds the driver's lock only while it reads (libxlDriverConfigGet()).
#include "guard.h"

struct driver qemu_driver;

int driverConfigGet(struct driver *d) {
  VIR_LOCK_GUARD lock = virLockGuardLock(&d->lock);
  return d->config;
}
