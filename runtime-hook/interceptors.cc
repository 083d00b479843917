// The interceptors: the C ABI functions the host calls instead of the C library's. They are
// generated from the lock API table (common/lock_api.inc) - one shape per operation, so no
// wrapper is hand-copied - and only forward: to the lock path (lock_path.h) around the real
// call, or to threads.cc and misuse.cc. The real functions are resolved here, once.
//
// Every wrapper has the same shape: before-hook, real call, after-hook. The common cases stay
// inline in the wrapper (a lock taken with nothing else held, an unlock of the newest held
// lock); anything else is a tail call to a slow function that stands in the wrapper's frame,
// so its stack walk sees the same callers.
//
// Must not: hold state of its own, allocate, or do anything but forward while the thread is
// inside the hook (in_hook) or the hook is not ready.
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <threads.h>
#include <signal.h>
#include <time.h>

#include "hook_state.h"
#include "interceptors.h"
#include "lock_path.h"

namespace lg {

Real real;

namespace {
// The cond functions have two symbol versions in glibc; the unversioned dlsym would hand back
// the 2.2.5 one, built for the old pthread_cond_t layout.
void *ResolveOne(const char *name) {
  void *p = nullptr;
  if (StrStartsWith(name, "pthread_cond_") && !StrEq(name, "pthread_cond_clockwait"))
    p = dlvsym(RTLD_NEXT, name, "GLIBC_2.3.2");
  if (p == nullptr) p = dlsym(RTLD_NEXT, name);
  return p;
}

// The address a lock is known by (a spin lock is a volatile int).
inline const void *LockAddr(const volatile void *p) { return const_cast<const void *>(p); }

// Called while the hook resolves its symbols (or before): glibc's mutex init is plain stores,
// so do them here.
int EarlyMutexInit(pthread_mutex_t *m, const pthread_mutexattr_t *a) {
  __builtin_memset(m, 0, sizeof(*m));
  if (a) {
    int type = 0;
    pthread_mutexattr_gettype(a, &type);
    m->__data.__kind = type;
  }
  return 0;
}

uint8_t RwlockFlags(const pthread_rwlockattr_t *a) {
  int kind = PTHREAD_RWLOCK_PREFER_READER_NP;
  if (a) pthread_rwlockattr_getkind_np(a, &kind);
  return kind == PTHREAD_RWLOCK_PREFER_READER_NP ? 0 : kWriterPreferring;
}
}  // namespace

void ResolveReal() {
  // Resolved aside, then published with every signal blocked: a signal handler that locks while
  // this thread is inside dlsym sees either no real function (its lock and its unlock both
  // forward nothing) or all of them - never a real lock without its real unlock (which left the
  // handler's mutex locked for ever).
  static Real r;
#define LOCKGRAPH_LOCK_FN(name, family, op, mode, lock_arg, ret, params, args) \
  LG_REAL_##family(r.name = reinterpret_cast<ret(*) params>(ResolveOne(#name));)
#include "lock_api.inc"
#define LG_RESOLVE(ret, name, ...) r.name = reinterpret_cast<ret (*)(__VA_ARGS__)>(ResolveOne(#name));
  LG_THREAD_FUNCTIONS(LG_RESOLVE)
#undef LG_RESOLVE
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  real = r;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

void RealExit(int status) {
  if (real._exit) real._exit(status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}

}  // namespace lg

using namespace lg;  // NOLINT: the interceptors below are the C ABI

#define LG_EXPORT extern "C" __attribute__((visibility("default")))

// --- what the table's columns mean to the hook ---------------------------------------------------
#define LG_TYPE_Mutex kMutex
#define LG_TYPE_Rwlock kRwlock
#define LG_TYPE_Spin kSpin
#define LG_TYPE_C11Mutex kMutex  // glibc's mtx_t is a pthread mutex
// Did a lock call take the lock? A robust mutex whose owner died is taken, with EOWNERDEAD.
#define LG_ACQUIRED_Mutex(rc) ((rc) == 0 || (rc) == EOWNERDEAD)
#define LG_ACQUIRED_Rwlock(rc) ((rc) == 0)
#define LG_ACQUIRED_Spin(rc) ((rc) == 0)
#define LG_ACQUIRED_C11Mutex(rc) ((rc) == thrd_success)
#define LG_MODE_Exclusive kModeWrite
#define LG_MODE_Shared kModeRead
// The lock argument (lock_arg) of an argument list.
#define LG_NTH(n, args) LG_NTH_##n args
#define LG_NTH_0(a, ...) a
#define LG_NTH_1(a, b, ...) b
#define LG_NTH_2(a, b, c, ...) c
#define LG_LOCK_OF(lock_arg, args) LockAddr(LG_NTH(lock_arg, args))
// A lock's flags after its init, from the init's arguments.
#define LG_INIT_FLAGS_Mutex(m, a) ReadLockFlags(m, kMutex)
#define LG_INIT_FLAGS_Rwlock(l, a) RwlockFlags(a)
#define LG_INIT_FLAGS_Spin(l, pshared) 0
#define LG_INIT_FLAGS_C11Mutex(m, type) ReadLockFlags(m, kMutex)
// An init called before the real one is known (while the hook resolves it, through dlsym).
#define LG_EARLY_INIT_Mutex(m, a) EarlyMutexInit(m, a)
#define LG_EARLY_INIT_Rwlock(...) ENOSYS
#define LG_EARLY_INIT_Spin(...) ENOSYS
#define LG_EARLY_INIT_C11Mutex(...) thrd_error

#define LG_NEED(name, ret) \
  if (real.name == nullptr && !EnsureInit()) return static_cast<ret>(ENOSYS);
#define LG_CALLER reinterpret_cast<uintptr_t>(__builtin_return_address(0))

// --- the shapes, one per operation -------------------------------------------------------------
// Init: the real init, then a new life for the lock, named where it was initialised.
#define LG_WRAP_Init(name, family, mode, lock_arg, ret, params, args)                           \
  LG_EXPORT ret name params {                                                                   \
    if (real.name == nullptr && !EnsureInit()) return LG_EARLY_INIT_##family args;              \
    ret rc = real.name args;                                                                    \
    ThreadState *ts = Enter();                                                                  \
    if (ts && rc == 0)                                                                          \
      OnLockInit(ts, LG_LOCK_OF(lock_arg, args), LG_TYPE_##family, LG_INIT_FLAGS_##family args); \
    return rc;                                                                                  \
  }

// Destroy: the life ends (a held lock is destroy-locked), then the real destroy.
#define LG_WRAP_Destroy(name, family, mode, lock_arg, ret, params, args)                         \
  LG_EXPORT ret name params {                                                                    \
    LG_NEED(name, ret)                                                                           \
    ThreadState *ts = Enter();                                                                   \
    if (ts)                                                                                      \
      OnDestroy(ts, LG_LOCK_OF(lock_arg, args), reinterpret_cast<uintptr_t>(__builtin_return_address(0))); \
    return real.name args;                                                                       \
  }

// Every acquisition. The common case - the thread holds nothing else - is inline: a record of
// the address and where it was taken, the real call, a count. So is a lock taken again on top of
// the same held locks (PredictedAcquire: the memo of the thread's last lock at that depth).
// Anything else goes to LockSlow_<fn> by a tail call, so its frame stands where the wrapper's
// did (its stack walk sees the same callers). A try or timed acquisition counts only when it
// succeeded. While a record is being made (until it is counted), a signal handler's locks are
// not looked at (in_hook).
//
// A blocking lock of a default mutex (`pend`: pthread_mutex_lock, mtx_lock) with nothing else held
// cannot fail: its record is counted before the real call, pending (kHeldPending, lock_path.h), and
// the real call is the wrapper's tail call - the wrapper has no frame and nothing to do after it.
// Everything else of such a wrapper is one of two functions it jumps to with the thread's state as
// one more argument (no second look-up of the thread-local pointer): LockFirst_<fn> (nothing held,
// a mutex of another kind) and LockNested_<fn> (the predicted nested lock; it reads the
// in_hook/nheld word again, one load, so that the wrapper's own test of it is a compare with
// memory), each with a frame of its own that saves no register. The jumps are sibling calls (the
// compiler makes one of any call whose arguments all go in registers; were it not, every nested
// lock's site would name the hook, which the testdata would show); a nested lock that is not
// predicted goes on to LockSlowTs_<fn>, LockSlow_'s twin with LockNested_'s parameters (a
// musttail needs them). LockNested_ counts a default mutex's predicted lock before the real call
// (pending, as the first lock) and makes the real lock its tail call; a mutex of another kind goes
// on to LockNestedKind_<fn>, whose predicted path waits for the real call's result.
#define LG_FIRST_PATH(name, family, type, mode, acq, lock, args) \
  ts->in_hook = 1;                                               \
  std::atomic_signal_fence(std::memory_order_seq_cst);           \
  FirstAcquire(ts, lock, type, mode, acq);                       \
  if (acq == kAcqBlocking) PublishFirstWaitInHook(ts);           \
  auto rc = real.name args;                                      \
  ts = t_state; /* read again: nothing kept in a saved register */ \
  std::atomic_signal_fence(std::memory_order_seq_cst);           \
  if (__builtin_expect(LG_ACQUIRED_##family(rc), 1))             \
    SetHookAndHeld(ts, 0, 1);                                    \
  else                                                           \
    ts->in_hook = 0;                                             \
  return rc;

// A blocking lock on top of held ones, predicted (PredictedAcquire); `hook_held`, the word, is not
// 0. A lock call that returns 0 took the lock (the one test on the way back; any other value is
// looked at only then).
#define LG_PREDICTED_PATH(name, family, type, mode, lock, args)                 \
  if (static_cast<uint32_t>(hook_held) == 0) {                                  \
    uint32_t n = static_cast<uint32_t>(hook_held >> 32);                        \
    ts->in_hook = 1;                                                            \
    std::atomic_signal_fence(std::memory_order_seq_cst);                        \
    if (PredictedAcquire(ts, lock, type, mode, n, 0)) {                         \
      PublishNestedWait(ts);                                                    \
      auto rc = real.name args;                                                 \
      ts = t_state;                                                             \
      n = ts->nheld; /* unchanged: a handler's locks only forward */            \
      if (__builtin_expect(rc == 0, 1))                                         \
        ++n;                                                                    \
      else if (LG_ACQUIRED_##family(rc))                                        \
        ++n;                                                                    \
      std::atomic_signal_fence(std::memory_order_seq_cst);                      \
      SetHookAndHeld(ts, 0, n);                                                 \
      return rc;                                                                \
    }                                                                           \
    std::atomic_signal_fence(std::memory_order_seq_cst);                        \
    ts->in_hook = 0;                                                            \
  }

// The same for a default mutex (its kind word 0: the lock cannot fail): the record is counted
// before the real lock, pending (kHeldPending), and the real lock is the tail call - nothing to do
// after it (as the first lock of such a mutex, FirstAcquirePending).
#define LG_PENDING_NESTED_PATH(name, type, mode, lock, args)                    \
  if (static_cast<uint32_t>(hook_held) == 0) {                                  \
    uint32_t n = static_cast<uint32_t>(hook_held >> 32);                        \
    ts->in_hook = 1;                                                            \
    std::atomic_signal_fence(std::memory_order_seq_cst);                        \
    if (PredictedAcquire(ts, lock, type, mode, n, kHeldPending)) {              \
      std::atomic_signal_fence(std::memory_order_seq_cst);                      \
      SetHookAndHeld(ts, 0, n + 1);                                             \
      return real.name args;                                                    \
    }                                                                           \
    std::atomic_signal_fence(std::memory_order_seq_cst);                        \
    ts->in_hook = 0;                                                            \
  }

#define LG_LOCK_SLOW_BODY(name, family, type, mode, acq, lock, ret, args) \
  LG_NEED(name, ret)                                                     \
  ThreadState *ts = Enter();                                             \
  if (ts == nullptr) return real.name args;                              \
  Guard guard(ts);                                                       \
  uint32_t epoch = CurrentLockEpoch();                                   \
  if (NothingHeld(ts)) {                                                 \
    FirstAcquire(ts, lock, type, mode, acq);                             \
    if (acq == kAcqBlocking) PublishFirstWait(ts);                       \
    ret rc = real.name args;                                             \
    if (acq == kAcqBlocking) EndFirstWait(ts);                           \
    if (LG_ACQUIRED_##family(rc)) ts->nheld = 1;                         \
    return rc;                                                           \
  }                                                                      \
  Held *h = NextHeld(ts);                                                \
  uint32_t slot = BeforeAcquire(ts, lock, type, mode, acq, h);           \
  RememberNext(ts, h, slot, acq, epoch);                                 \
  ret rc = real.name args;                                               \
  AfterAcquire(ts, slot, h, LG_ACQUIRED_##family(rc));                   \
  return rc;

// A parameter list and an argument list with the thread's state after the lock's own.
#define LG_PLUS_TS_PARAMS(...) (__VA_ARGS__, ThreadState *ts)
#define LG_PLUS_UNNAMED(...) (__VA_ARGS__, ThreadState *)
#define LG_PLUS_TS_ARGS(...) (__VA_ARGS__, ts)

#define LG_ACQUIRE_SHAPE(name, family, type, mode, acq, pend, lock, ret, params, args) \
  namespace lg {                                                         \
  namespace {                                                            \
  __attribute__((noinline)) ret LockSlow_##name params {                 \
    LG_LOCK_SLOW_BODY(name, family, type, mode, acq, lock, ret, args)    \
  }                                                                      \
  [[maybe_unused]] __attribute__((noinline)) ret LockSlowTs_##name LG_PLUS_UNNAMED params { \
    LG_LOCK_SLOW_BODY(name, family, type, mode, acq, lock, ret, args)    \
  }                                                                      \
  [[maybe_unused]] __attribute__((noinline)) ret LockFirst_##name LG_PLUS_TS_PARAMS params { \
    LG_FIRST_PATH(name, family, type, mode, acq, lock, args)             \
  }                                                                      \
  [[maybe_unused]] __attribute__((noinline)) ret LockNestedKind_##name LG_PLUS_TS_PARAMS params { \
    uint64_t hook_held = HookAndHeld(ts);                                \
    LG_PREDICTED_PATH(name, family, type, mode, lock, args)              \
    [[clang::musttail]] return LockSlowTs_##name LG_PLUS_TS_ARGS args;   \
  }                                                                      \
  [[maybe_unused]] __attribute__((noinline)) ret LockNested_##name LG_PLUS_TS_PARAMS params { \
    if (__builtin_expect(MutexKindWord(lock) != 0, 0))                   \
      [[clang::musttail]] return LockNestedKind_##name LG_PLUS_TS_ARGS args; \
    uint64_t hook_held = HookAndHeld(ts);                                \
    LG_PENDING_NESTED_PATH(name, type, mode, lock, args)                 \
    [[clang::musttail]] return LockSlowTs_##name LG_PLUS_TS_ARGS args;   \
  }                                                                      \
  }                                                                      \
  }                                                                      \
  LG_EXPORT ret name params {                                            \
    ThreadState *ts = t_state;                                           \
    if (__builtin_expect(ts != nullptr, 1)) {                            \
      uint64_t hook_held = HookAndHeld(ts);                              \
      if (pend) {                                                        \
        if (__builtin_expect(hook_held != 0, 0))                         \
          return LockNested_##name LG_PLUS_TS_ARGS args;                 \
        if (__builtin_expect(MutexKindWord(lock) != 0, 0))               \
          return LockFirst_##name LG_PLUS_TS_ARGS args;                  \
        ts->in_hook = 1;                                                 \
        std::atomic_signal_fence(std::memory_order_seq_cst);             \
        FirstAcquirePending(ts, lock, mode);                             \
        std::atomic_signal_fence(std::memory_order_seq_cst);             \
        SetHookAndHeld(ts, 0, 1);                                        \
        [[clang::musttail]] return real.name args;                       \
      }                                                                  \
      if (__builtin_expect(hook_held == 0, 1)) {                         \
        LG_FIRST_PATH(name, family, type, mode, acq, lock, args)         \
      }                                                                  \
      if (acq == kAcqBlocking) {                                         \
        LG_PREDICTED_PATH(name, family, type, mode, lock, args)          \
      }                                                                  \
    }                                                                    \
    [[clang::musttail]] return LockSlow_##name args;                     \
  }
// Which families' blocking lock the wrapper may count before the real call (a glibc mutex whose
// kind word is 0 cannot fail).
#define LG_PEND_Mutex 1
#define LG_PEND_C11Mutex 1
#define LG_PEND_Rwlock 0
#define LG_PEND_Spin 0
#define LG_WRAP_Lock(name, family, mode, lock_arg, ret, params, args) \
  LG_ACQUIRE_SHAPE(name, family, LG_TYPE_##family, LG_MODE_##mode, kAcqBlocking, LG_PEND_##family, LG_LOCK_OF(lock_arg, args), ret, params, args)
#define LG_WRAP_TimedLock(name, family, mode, lock_arg, ret, params, args) \
  LG_ACQUIRE_SHAPE(name, family, LG_TYPE_##family, LG_MODE_##mode, kAcqTimed, 0, LG_LOCK_OF(lock_arg, args), ret, params, args)
#define LG_WRAP_TryLock(name, family, mode, lock_arg, ret, params, args) \
  LG_ACQUIRE_SHAPE(name, family, LG_TYPE_##family, LG_MODE_##mode, kAcqTry, 0, LG_LOCK_OF(lock_arg, args), ret, params, args)

// An unlock: the newest held lock is dropped inline, without even a frame (the real unlock is a
// tail call); anything else goes through UnlockSlow_<fn>, which has the whole story.
#define LG_WRAP_Unlock(name, family, mode, lock_arg, ret, params, args)                      \
  namespace lg {                                                                             \
  namespace {                                                                                \
  __attribute__((noinline)) ret UnlockSlow_##name params {                                   \
    LG_NEED(name, ret)                                                                       \
    ThreadState *ts = Enter();                                                               \
    if (ts == nullptr) return real.name args;                                                \
    Guard guard(ts);                                                                         \
    if (!BeforeRelease(ts, LG_LOCK_OF(lock_arg, args))) {                                    \
      if (!BeforeUnheldRelease(ts, LG_LOCK_OF(lock_arg, args), LG_TYPE_##family, LG_CALLER)) \
        return real.name args;                                                               \
      ret rc = real.name args;                                                               \
      AfterUnheldRelease(ts, LG_LOCK_OF(lock_arg, args), rc);                                \
      return rc;                                                                             \
    }                                                                                        \
    return real.name args;                                                                   \
  }                                                                                          \
  }                                                                                          \
  }                                                                                          \
  LG_EXPORT ret name params {                                                                \
    ThreadState *ts = t_state;                                                               \
    if (__builtin_expect(ts != nullptr, 1)) {                                                \
      uint64_t hook_held = HookAndHeld(ts);                                                  \
      /* not inside the hook (low half 0); nothing held reads the sentinel below held[0] */ \
      if (__builtin_expect(static_cast<uint32_t>(hook_held) == 0, 1)) {                      \
        /* the newest record, held[nheld - 1], straight from the word (its low half is 0) */  \
        const Held &h = *reinterpret_cast<const Held *>(                                     \
            reinterpret_cast<const char *>(ts->held) + (hook_held >> (32 - kHeldShift)) - sizeof(Held)); \
        if (__builtin_expect(h.addr == reinterpret_cast<uintptr_t>(LG_LOCK_OF(lock_arg, args)) && \
                             h.count == 1, 1)) {                                             \
          /* nheld - 1, in_hook 0: one word, so the next call's load of it is forwarded whole */ \
          *reinterpret_cast<HookHeldWord *>(&ts->in_hook) = hook_held - kOneHeld;           \
          return real.name args;                                                             \
        }                                                                                    \
      }                                                                                      \
    }                                                                                        \
    return UnlockSlow_##name args;                                                           \
  }

// A condition wait: a release of its mutex and a re-acquisition, both inside the C library. An
// untimed one is published to the watchdog (waits.cc) while it lasts. A wait is a cancellation
// point: a thread cancelled in it has its mutex re-taken by the C library and runs its cleanup
// handlers without returning here, so the after-half is the innermost cleanup handler (the wait
// is over and the mutex held again before the program's handler unlocks it).
struct CondCall {
  ThreadState *ts;
  const void *mutex;
  bool timed;
};
static void CondWaitAfter(void *arg) {
  CondCall *c = static_cast<CondCall *>(arg);
  int err = errno;
  if (!c->timed) EndWait(c->ts);
  AfterCondWait(c->ts, c->mutex);
  errno = err;
}
#define LG_COND_WAIT_SHAPE(name, timed, lock_arg, ret, params, args)                  \
  LG_EXPORT ret name params {                                                         \
    LG_NEED(name, ret)                                                                \
    ThreadState *ts = Enter();                                                        \
    if (ts == nullptr) return real.name args;                                         \
    CondCall call_ = {ts, LG_LOCK_OF(lock_arg, args), timed};                         \
    {                                                                                 \
      HookWork work(ts);                                                              \
      BeforeCondWait(ts, LG_NTH(0, args), call_.mutex, timed, LG_CALLER);             \
    }                                                                                 \
    ret rc;                                                                           \
    pthread_cleanup_push(CondWaitAfter, &call_);                                      \
    rc = real.name args;                                                              \
    pthread_cleanup_pop(0);                                                           \
    int err = errno;                                                                  \
    CondWaitAfter(&call_);                                                            \
    errno = err;                                                                      \
    return rc;                                                                        \
  }
#define LG_WRAP_Wait(name, family, mode, lock_arg, ret, params, args) \
  LG_COND_WAIT_SHAPE(name, false, lock_arg, ret, params, args)
#define LG_WRAP_TimedWait(name, family, mode, lock_arg, ret, params, args) \
  LG_COND_WAIT_SHAPE(name, true, lock_arg, ret, params, args)

// A condition's life and its signals: who signals a condition is whom its waiters wait for.
#define LG_COND_Signal(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                           \
    LG_NEED(name, ret)                                                  \
    OnCondSignal(LG_NTH(0, args), LG_CALLER);                           \
    return real.name args;                                              \
  }
#define LG_COND_Init(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                         \
    LG_NEED(name, ret)                                                \
    ret rc = real.name args;                                          \
    if (rc == 0) OnCondInitOrDestroy(LG_NTH(0, args));                \
    return rc;                                                        \
  }
#define LG_COND_Destroy(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                            \
    LG_NEED(name, ret)                                                   \
    OnCondInitOrDestroy(LG_NTH(0, args));                                \
    return real.name args;                                               \
  }
#define LG_COND_Wait LG_WRAP_Wait
#define LG_COND_TimedWait LG_WRAP_TimedWait

// Barriers: a thread at a barrier waits for the threads that have not arrived.
#define LG_BARRIER_Init(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                            \
    LG_NEED(name, ret)                                                   \
    ret rc = real.name args;                                             \
    if (rc == 0) OnBarrierInit(LG_NTH(0, args), LG_NTH(2, args));        \
    return rc;                                                           \
  }
#define LG_BARRIER_Destroy(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                               \
    LG_NEED(name, ret)                                                      \
    OnBarrierDestroy(LG_NTH(0, args));                                      \
    return real.name args;                                                  \
  }
#define LG_BARRIER_Arrive(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                              \
    LG_NEED(name, ret)                                                     \
    ThreadState *ts = Enter();                                             \
    if (ts == nullptr) return real.name args;                              \
    BeforeBarrierWait(ts, LG_NTH(0, args), LG_CALLER);                     \
    ret rc = real.name args;                                               \
    EndWait(ts);                                                           \
    return rc;                                                             \
  }

// Semaphores (semaphores.cc decides whether one is a lock). The C library's errno is kept across
// the hook's after-half.
#define LG_SEM_Init(name, family, mode, lock_arg, ret, params, args)                   \
  LG_EXPORT ret name params {                                                          \
    LG_NEED(name, ret)                                                                 \
    ret rc = real.name args;                                                           \
    if (rc == 0) {                                                                     \
      int err = errno;                                                                 \
      SemInit(LG_NTH(0, args), LG_NTH(1, args), LG_NTH(2, args), LG_CALLER);           \
      errno = err;                                                                     \
    }                                                                                  \
    return rc;                                                                         \
  }
#define LG_SEM_Destroy(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                           \
    LG_NEED(name, ret)                                                  \
    SemDestroy(LG_NTH(0, args), LG_CALLER);                             \
    return real.name args;                                              \
  }
// A blocking or timed wait is a cancellation point: the hook's after-half is registered as a
// cleanup handler around it (glibc's setjmp-based registration: the hook has no exceptions).
#define LG_SEM_ACQUIRE_SHAPE(name, acq, ret, params, args)       \
  LG_EXPORT ret name params {                                    \
    LG_NEED(name, ret)                                           \
    SemCall call_;                                               \
    SemBeforeAcquire(&call_, LG_NTH(0, args), acq, LG_CALLER);   \
    ret rc;                                                      \
    if (acq == kAcqTry || !SemNeedsCleanup(&call_)) {            \
      rc = real.name args;                                       \
    } else {                                                     \
      pthread_cleanup_push(SemCancelled, &call_);                \
      rc = real.name args;                                       \
      pthread_cleanup_pop(0);                                    \
    }                                                            \
    int err = errno;                                             \
    SemAfterAcquire(&call_, LG_NTH(0, args), rc);                \
    errno = err;                                                 \
    return rc;                                                   \
  }
#define LG_SEM_Lock(name, family, mode, lock_arg, ret, params, args) \
  LG_SEM_ACQUIRE_SHAPE(name, kAcqBlocking, ret, params, args)
#define LG_SEM_TryLock(name, family, mode, lock_arg, ret, params, args) \
  LG_SEM_ACQUIRE_SHAPE(name, kAcqTry, ret, params, args)
#define LG_SEM_TimedLock(name, family, mode, lock_arg, ret, params, args) \
  LG_SEM_ACQUIRE_SHAPE(name, kAcqTimed, ret, params, args)
#define LG_SEM_Unlock(name, family, mode, lock_arg, ret, params, args) \
  LG_EXPORT ret name params {                                          \
    LG_NEED(name, ret)                                                 \
    SemCall call_;                                                     \
    SemBeforePost(&call_, LG_NTH(0, args), LG_CALLER);                 \
    ret rc = real.name args;                                           \
    int err = errno;                                                   \
    SemAfterPost(&call_, LG_NTH(0, args), rc);                         \
    errno = err;                                                       \
    return rc;                                                         \
  }

// Which shapes a family's functions take.
#define LG_HOOKED_Mutex(op, ...) LG_WRAP_##op(__VA_ARGS__)
#define LG_HOOKED_Rwlock(op, ...) LG_WRAP_##op(__VA_ARGS__)
#define LG_HOOKED_Spin(op, ...) LG_WRAP_##op(__VA_ARGS__)
#define LG_HOOKED_Cond(op, ...) LG_COND_##op(__VA_ARGS__)
#define LG_HOOKED_Sem(op, ...) LG_SEM_##op(__VA_ARGS__)
#define LG_HOOKED_Barrier(op, ...) LG_BARRIER_##op(__VA_ARGS__)
// C11 threads: glibc implements them on the pthread functions but calls those past any
// interposer, so they have wrappers of their own, the same shapes.
#define LG_HOOKED_C11Mutex(op, ...) LG_WRAP_##op(__VA_ARGS__)
#define LG_HOOKED_C11Cond(op, ...) LG_COND_##op(__VA_ARGS__)

#define LOCKGRAPH_LOCK_FN(name, family, op, mode, lock_arg, ret, params, args) \
  LG_HOOKED_##family(op, name, family, mode, lock_arg, ret, params, args)
#include "lock_api.inc"

// --- threads and processes -----------------------------------------------------------------------
LG_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
  LG_NEED(pthread_create, int)
  return ThreadCreate(th, attr, fn, arg);
}

// A join waits for the thread (published to the watchdog before the real call). A join is a
// cancellation point: a thread cancelled in it stops waiting before its cleanup handlers run
// (they may run long, or be waited for by the very thread it was joining).
static void JoinOver(void *ts) { EndWait(static_cast<ThreadState *>(ts)); }

LG_EXPORT int pthread_join(pthread_t th, void **ret) {
  LG_NEED(pthread_join, int)
  ThreadState *ts = Enter();
  int rc;
  if (ts == nullptr) {
    rc = real.pthread_join(th, ret);
  } else {
    BeforeJoin(ts, th, LG_CALLER);
    pthread_cleanup_push(JoinOver, ts);
    rc = real.pthread_join(th, ret);
    pthread_cleanup_pop(0);
    EndWait(ts);
  }
  if (rc == 0) ThreadJoined(th);
  return rc;
}

// C11's join, the same (glibc's thrd_join calls its pthread_join internals past any interposer).
LG_EXPORT int thrd_join(thrd_t th, int *res) {
  LG_NEED(thrd_join, int)
  ThreadState *ts = Enter();
  int rc;
  if (ts == nullptr) {
    rc = real.thrd_join(th, res);
  } else {
    BeforeJoin(ts, static_cast<pthread_t>(th), LG_CALLER);
    pthread_cleanup_push(JoinOver, ts);
    rc = real.thrd_join(th, res);
    pthread_cleanup_pop(0);
    EndWait(ts);
  }
  if (rc == thrd_success) ThreadJoined(static_cast<pthread_t>(th));
  return rc;
}

LG_EXPORT void pthread_exit(void *ret) {
  if (real.pthread_exit == nullptr) EnsureInit();
  ThreadExit();
  real.pthread_exit(ret);
  __builtin_unreachable();
}

// A library unloaded: the lives of its locks (static mutexes never destroyed) end, so a library
// loaded later at the same address starts with locks of its own.
LG_EXPORT int dlclose(void *handle) {
  if (real.dlclose == nullptr) EnsureInit();
  if (real.dlclose == nullptr) {  // not resolved yet (the hook is starting): find it now
    using DlcloseFn = int (*)(void *);
    DlcloseFn next = reinterpret_cast<DlcloseFn>(dlsym(RTLD_NEXT, "dlclose"));
    return next ? next(handle) : -1;
  }
  return DlcloseTracked(handle);
}

LG_EXPORT pid_t fork(void) {
  if (real.fork == nullptr && !EnsureInit()) return -1;
  return Fork();
}

// The end of the process by _exit: the findings held back until exit are reported first (an
// exit() does that in the hook's atexit handler, which _exit skips).
// It starts nothing (it may run in a vfork child, whose memory is the parent's).
LG_EXPORT void _exit(int status) {
  FinishProcess(&status);
  if (real._exit) real._exit(status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}

LG_EXPORT void _Exit(int status) {
  FinishProcess(&status);
  if (real._Exit) real._Exit(status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}

// --- the allocator -------------------------------------------------------------------------------
namespace lg {
namespace {
using FreeFn = void (*)(void *);
using SizeFn = size_t (*)(void *);
std::atomic<FreeFn> g_next_free{nullptr};
std::atomic<SizeFn> g_block_size{nullptr};
std::atomic<bool> g_block_size_known{false};
__thread int t_resolving_free __attribute__((tls_model("initial-exec")));

// The free() after the hook's: a malloc replacement's (preloaded after the hook, or linked), else
// the C library's - never glibc's own by name, which aborts on another allocator's block.
__attribute__((noinline)) FreeFn ResolveNextFree() {
  if (t_resolving_free) return nullptr;  // a free() made by dlsym itself
  t_resolving_free = 1;
  FreeFn f = reinterpret_cast<FreeFn>(dlsym(RTLD_NEXT, "free"));
  t_resolving_free = 0;
  if (f) g_next_free.store(f, std::memory_order_release);
  return f;
}
}  // namespace

size_t BlockSize(void *p) {
  if (!g_block_size_known.load(std::memory_order_acquire)) {
    // Only the same allocator's malloc_usable_size can measure its blocks.
    FreeFn f = g_next_free.load(std::memory_order_acquire);
    if (f == nullptr) f = ResolveNextFree();
    // dlsym may free() (the text of an earlier failed lookup's error): that free is not measured.
    if (t_resolving_free) return 0;
    t_resolving_free = 1;
    SizeFn size = reinterpret_cast<SizeFn>(dlsym(RTLD_NEXT, "malloc_usable_size"));
    Dl_info a, b;
    if (f == nullptr || size == nullptr || !dladdr(reinterpret_cast<void *>(f), &a) ||
        !dladdr(reinterpret_cast<void *>(size), &b) || a.dli_fbase != b.dli_fbase)
      size = nullptr;
    g_block_size.store(size, std::memory_order_relaxed);
    g_block_size_known.store(true, std::memory_order_release);
    t_resolving_free = 0;
  }
  SizeFn size = g_block_size.load(std::memory_order_relaxed);
  return size ? size(p) : 0;
}
}  // namespace lg

// Memory that held a lock never destroyed (std::mutex never calls destroy) ends its life when
// freed, so a new lock at the same address starts clean.
LG_EXPORT void free(void *p) {
  if (p == nullptr) return;
  ThreadState *me = t_state;
  if ((me != nullptr && me->nheld != 0 && me->held[0].uid == 0) ||
      g_live_pages.load(std::memory_order_relaxed) > 0)
    OnFree(p, reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
  FreeFn next = g_next_free.load(std::memory_order_acquire);
  if (__builtin_expect(next == nullptr, 0)) next = ResolveNextFree();
  if (next) next(p);  // else: freed while dlsym looks for free() - leaked, never misdelivered
}
