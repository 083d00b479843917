// Twin of glib_lock_guard (same guard.h, virthread.c, driver.c): a lock taken while a
// VIR_LOCK_GUARD still holds another is ordered after it. restart() takes vm's lock inside the
// driver lock's guard scope, update_vm() takes the driver's lock (in driverConfigGet()) while it
// holds vm's: a real inversion, reported with the guard's line.
// STATIC-RUN:
#include "guard.h"

struct domain vm;

static void *update_vm(void *p) {
  virMutexLock(&vm.lock);  // EXPECT-STATIC: lock-order-inversion vm.lock => qemu_driver.lock => vm.lock
  int c = driverConfigGet(&qemu_driver);  // EXPECT-STATIC: lock-order-inversion vm.lock => qemu_driver.lock => vm.lock
  vm.n = c;
  virMutexUnlock(&vm.lock);
  return p;
}

static void *restart(void *p) {
  VIR_LOCK_GUARD lock = virLockGuardLock(&qemu_driver.lock);  // EXPECT-STATIC: lock-order-inversion vm.lock => qemu_driver.lock => vm.lock
  virMutexLock(&vm.lock);  // EXPECT-STATIC: lock-order-inversion vm.lock => qemu_driver.lock => vm.lock
  vm.n = 0;
  virMutexUnlock(&vm.lock);
  return p;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, update_vm, NULL);
  pthread_create(&b, NULL, restart, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
