// A scoped lock guard in C, libvirt's way (guard.h): driverConfigGet() takes the driver's lock
// under VIR_LOCK_GUARD and the guard's cleanup gives it back when the function returns, through
// virLockGuardUnlock() in another TU, which unlocks g_steal_pointer(&l->mutex). The lock is not
// held after the call: update_vm() (vm then the driver, inside the getter) and reconfigure()
// (the getter, then vm) make no cycle; nor does driverConfigBump() (driver.c), which gives the
// guard's lock back with virLockGuardUnlock(&lock) before it takes vm's. Before the fix the unlock through g_steal_pointer() was
// not seen, the getter was summarised as an acquire, and 38 of libvirt's 40 findings were that.
// Twin: glib_lock_guard_nested (a guard held over a nested lock still orders the two).
// STATIC-RUN:
#include "guard.h"

struct domain vm;

static void *update_vm(void *p) {
  virMutexLock(&vm.lock);
  int c = driverConfigGet(&qemu_driver);
  vm.n = c;
  virMutexUnlock(&vm.lock);
  return p;
}

static void *reconfigure(void *p) {
  driverConfigBump(&qemu_driver);
  int c = driverConfigGet(&qemu_driver);
  virMutexLock(&vm.lock);
  vm.n = c;
  virMutexUnlock(&vm.lock);
  return p;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, update_vm, NULL);
  pthread_create(&b, NULL, reconfigure, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
