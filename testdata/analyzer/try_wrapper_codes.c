// A mutex layer as tbox writes it (src/tbox/platform/posix/mutex.c, spinlock.h): an int
// "bool", a try wrapper that returns the constants, a profiler told about each contention
// between tries, and a blocking enter that tries first:
//   if (!try_raw(m)) { lock_profiler_occupied(lock_profiler(), m); return xfalse; } return xtrue;
// Two things hid the lock. `lock_profiler()` and `lock_profiler_occupied()` have "lock" in their
// names and were taken for the slow path of the failed try (the Boehm GC's `GC_lock()`), which
// made the spin loop a self-deadlock; only a function whose name ends in "lock" (or "lock" and a
// slow path's word: `os_lock_slow`) and that returns no pointer is read that way now. And a try
// wrapper whose returns are constants, non-zero exactly where it holds the lock, was no try
// wrapper: mutex_enter() took nothing, and the counter it guards was an unlocked update. The
// update made without the lock (the drain thread's) is still reported.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

typedef int xbool_t;
#define xfalse ((xbool_t)0)
#define xtrue ((xbool_t)1)
typedef struct xmutex *xmutex_ref_t;
typedef volatile int xspinlock_t;

void *lock_profiler(void);
void lock_profiler_occupied(void *profiler, void *lock);

static xbool_t mutex_try_raw(xmutex_ref_t m) {
  if (!m)
    return xfalse;
  return pthread_mutex_trylock((pthread_mutex_t *)m) == 0;
}

static xbool_t mutex_enter_raw(xmutex_ref_t m) {
  if (!m)
    return xfalse;
  return pthread_mutex_lock((pthread_mutex_t *)m) == 0;
}

xbool_t mutex_enter_try(xmutex_ref_t m) {
  if (!mutex_try_raw(m)) {
    lock_profiler_occupied(lock_profiler(), m);
    return xfalse;
  }
  return xtrue;
}

xbool_t mutex_enter(xmutex_ref_t m) {
  if (mutex_enter_try(m))
    return xtrue;
  return mutex_enter_raw(m);
}

xbool_t mutex_leave(xmutex_ref_t m) {
  if (!m)
    return xfalse;
  return pthread_mutex_unlock((pthread_mutex_t *)m) == 0;
}

static void spinlock_enter(xspinlock_t *lock) {
  int occupied = 0;
  while (1) {
    if (!*lock && !__atomic_test_and_set(lock, __ATOMIC_ACQUIRE))
      return;
    if (!occupied) {
      occupied = 1;
      lock_profiler_occupied(lock_profiler(), (void *)lock);
    }
  }
}

static void spinlock_leave(xspinlock_t *lock) { __atomic_clear(lock, __ATOMIC_RELEASE); }

static pthread_mutex_t jobs_mutex = PTHREAD_MUTEX_INITIALIZER;
static xspinlock_t timer_lock;
static long jobs_done, ticks;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    mutex_enter((xmutex_ref_t)&jobs_mutex);
    jobs_done++;
    mutex_leave((xmutex_ref_t)&jobs_mutex);
    spinlock_enter(&timer_lock);
    ticks++;
    spinlock_leave(&timer_lock);
  }
  return NULL;
}

static void *drain(void *arg) {
  (void)arg;
  jobs_done--;  // EXPECT: unlocked-rmw jobs_done
  return NULL;
}

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], NULL, worker, NULL);
  pthread_create(&t[1], NULL, worker, NULL);
  pthread_create(&t[2], NULL, drain, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
