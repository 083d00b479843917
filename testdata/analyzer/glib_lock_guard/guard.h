// libvirt's scoped lock guard, as virthread.h and GLib's gmacros.h/gmem.h spell it (written out
// here: the tests need no GLib headers). VIR_LOCK_GUARD is g_auto(virLockGuard): a local whose
// cleanup function calls virLockGuardUnlock(), which gives the mutex back through
// g_steal_pointer(&l->mutex). See main.c.
#include <pthread.h>
#include <stddef.h>

typedef struct { pthread_mutex_t lock; } virMutex;
typedef struct virLockGuard virLockGuard;
struct virLockGuard {
  virMutex *mutex;
};

void virMutexLock(virMutex *m);
void virMutexUnlock(virMutex *m);
virLockGuard virLockGuardLock(virMutex *m);
void virLockGuardUnlock(virLockGuard *l);

static inline void *g_steal_pointer(void *pp) {
  void **ptr = (void **)pp;
  void *ref;
  ref = *ptr;
  *ptr = NULL;
  return ref;
}
// GLib's form below 2.58, which libvirt gets (it sets GLIB_VERSION_MAX_ALLOWED to 2.56); the
// twin glib_lock_guard_nested has the newer `((__typeof__(*pp))(g_steal_pointer)(pp))`.
#define g_steal_pointer(pp) (0 ? (*(pp)) : (g_steal_pointer)(pp))

static inline void glib_auto_cleanup_virLockGuard(virLockGuard *_ptr) { (virLockGuardUnlock)(_ptr); }
#define VIR_LOCK_GUARD __attribute__((cleanup(glib_auto_cleanup_virLockGuard))) virLockGuard __attribute__((unused))

struct driver {
  virMutex lock;
  int config;
};
struct domain {
  virMutex lock;
  int n;
};
extern struct driver qemu_driver;
extern struct domain vm;
int driverConfigGet(struct driver *d);
int driverConfigBump(struct driver *d);
