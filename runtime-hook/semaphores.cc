// Semaphores. A semaphore is a lock to the hook while it is used as one: initialised to 1 by a
// process-private sem_init, and every post so far made by a thread that held it (took it and had
// not posted it yet). Such a one goes through the lock path like a mutex (type kSem): order
// edges, hang ending. Any other semaphore - initial value 0, a counting one, one posted by a
// thread that did not take it, one taken again by its holder (it waits for someone else's post:
// CPython's Condition.wait does exactly that with its waiter lock) - is a signal: it leaves the
// lock graph at once (its node dies, its edges go, a cycle through it held back is dropped) and a
// blocking wait on it is published to the watchdog as a wait for the threads seen posting it.
//
// sem_trywait: from C code it is a try (like pthread_mutex_trylock: no edge into the semaphore,
// it never waits). From the CPython interpreter it is how every blocking acquire begins
// (acquire_timed tries without blocking, with the GIL held, then waits with the GIL released), so
// an uncontended Python acquire is a successful sem_trywait and nothing else. It counts as a
// blocking acquisition (edges into the lock once it succeeded; no wait) when the Python source
// line acquires blocking - `with lock:`, `lock.acquire()`, or with a timeout (python.cc reads the
// line) - and as a try otherwise: acquire(False), acquire(blocking=False), and arguments known only
// at run time (Thread.is_alive() tries the thread's lock with `lock.acquire(block, timeout)`), so
// genuine try-and-back-off stays unreported. A failed try that CPython follows with sem_wait makes
// its edges there, as any blocking acquisition.
//
// Both symbol versions of sem_* on x86-64 (GLIBC_2.2.5 and GLIBC_2.34) are the same code: the
// default dlsym is right (unlike the condition functions, see interceptors.cc).
//
// Must not: allocate with malloc, report with g_mu held, lose the C library's errno (the
// wrappers keep it).
#include <errno.h>
#include <semaphore.h>

#include "hook_state.h"
#include "interceptors.h"
#include "lock_path.h"
#include "lock_table.h"
#include "waits.h"

namespace lg {

namespace {

enum SemHow : int {
  kHowNone = 0,    // not looked at (forwarded)
  kHowSignal = 1,  // a wait on a signal semaphore, published if blocking
  kHowFirst = 2,   // a lock taken with nothing else held (held[0])
  kHowNested = 3,  // a lock taken while others are held
  kHowPost = 4,
  kHowMask = 7,
  kHowPyTry = 8,      // CPython's non-blocking first try, of a blocking acquire: counts as one
  kHowPublished = 16, // a first-lock wait was published
  kHowPyFirst = 32    // CPython's non-blocking first try (its frames serve the wait that follows)
};

// Drops this thread's records of a semaphore that is no longer a lock.
void DropRecords(ThreadState *ts, uintptr_t addr) {
  while (ReleaseOther(ts, addr)) {
  }
}

// Another thread found semaphores are no locks: drop the records of those this thread holds.
void PurgeIfAsked(ThreadState *ts) {
  uint32_t want = ts->sem_purge.load(std::memory_order_acquire);
  if (want == ts->sem_purge_seen) return;
  ts->sem_purge_seen = want;
  for (int i = static_cast<int>(ts->nheld) - 1; i >= 0; --i) {
    const Held &h = ts->held[i];
    if (h.type != kSem) continue;
    bool lock = h.uid == 0 ? SemIsLock(h.addr) : g_nodes[h.slot].uid == h.uid && SemIsLock(h.addr);
    if (!lock) {
      DropRecords(ts, h.addr);
      i = static_cast<int>(ts->nheld);  // the array moved: start over
    }
  }
}

// `o` at `addr` stops being a lock: posted by a thread that does not hold it, or taken again by
// its holder. Its node dies (its edges go), cycles through it held back are dropped, holders are
// told to drop their records.
void NotALock(SyncObj *o, uintptr_t addr) {
  uint8_t expect = kSemLock;
  if (!o->sem_state.compare_exchange_strong(expect, kSemSignal, std::memory_order_acq_rel)) return;
  HookWork work(t_state);
  uint32_t slot = FindSlot(addr);
  if (slot != 0) {
    RetractLock(g_nodes[slot].uid);
    InternalLockGuard guard(g_mu);
    ForgetNodeLocked(addr);
  }
  HeldByAnyThread(addr, 0, 0, /*lose=*/true, nullptr);
  for (uint32_t i = 0; i < g_registry_used; ++i)
    if (ThreadState *r = g_registry[i]) r->sem_purge.fetch_add(1, std::memory_order_release);
}

int HeldIndex(ThreadState *ts, uintptr_t addr) {
  for (int i = static_cast<int>(ts->nheld) - 1; i >= 0; --i)
    if (ts->held[i].addr == addr) return i;
  return -1;
}

// The record's frames are the Python frames when CPython makes the call.
void UsePythonFrames(ThreadState *ts, uintptr_t addr, Held *h) {
  if (ts->py_for != addr || ts->py_npcs == 0) return;
  for (int i = 0; i < ts->py_npcs; ++i) h->pcs[i] = ts->py_pcs[i];
  h->npcs = ts->py_npcs;
}

}  // namespace

bool SemIsLock(uintptr_t addr) {
  SyncObj *o = SyncFind(addr);
  return o != nullptr && o->sem_state.load(std::memory_order_acquire) == kSemLock;
}

void SemInit(const void *sem, int pshared, unsigned value, uintptr_t pc) {
  ThreadState *ts = Enter();
  if (ts == nullptr) return;
  uintptr_t addr = reinterpret_cast<uintptr_t>(sem);
  uintptr_t site[kHeldPcs];
  int n = 0;
  {
    HookWork work(ts);
    if (FromPython(pc)) n = PythonStack(site, kSitePcs);
    if (n == 0) n = WaitPcs(ts, pc, site, kSitePcs);
    if (FindSlot(addr) != 0) {  // the memory held a lock: its life is over
      HeldByAnyThread(addr, 0, 0, /*lose=*/true, nullptr);
      InternalLockGuard guard(g_mu);
      ForgetNodeLocked(addr);
    }
  }
  SyncObj *o;
  {
    HookWork work(ts);
    o = SyncReset(addr, kSyncSem, site, n);
  }
  if (o == nullptr) return;
  o->count = value;
  uint8_t state = pshared ? kSemSignal : value == 1 ? kSemLock : value == 0 ? kSemSignal : kSemCounting;
  o->sem_state.store(state, std::memory_order_release);
}

void SemDestroy(const void *sem, uintptr_t pc) {
  ThreadState *ts = Enter();
  if (ts == nullptr) return;
  uintptr_t addr = reinterpret_cast<uintptr_t>(sem);
  if (SemIsLock(addr)) OnDestroy(ts, sem, pc);  // a held one is destroy-locked
  SyncForget(addr);
}

namespace {

void BeforeAcquireIn(SemCall *c, ThreadState *ts, const void *sem, int acq, uintptr_t pc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(sem);
  PurgeIfAsked(ts);
  bool py = FromPython(pc);
  int py_first = py && acq == kAcqTry ? kHowPyFirst : 0;
  if (py && acq == kAcqTry) {  // CPython holds the GIL here: its frames can be read
    Guard g(ts);
    ts->py_npcs = static_cast<uint8_t>(PythonStack(ts->py_pcs, kHeldPcs));
    ts->py_for = ts->py_npcs != 0 ? addr : 0;
  } else if (!py || ts->py_for != addr) {
    ts->py_for = 0;
    ts->py_npcs = 0;
  }
  SyncObj *o = SyncFind(addr);
  uint8_t state = o ? o->sem_state.load(std::memory_order_acquire) : kSemUnknown;
  if (state == kSemLock && HeldIndex(ts, addr) >= 0) {
    // Its holder takes it again: it waits for another thread's post. A signal, not a lock.
    NotALock(o, addr);
    DropRecords(ts, addr);
    state = kSemSignal;
  }
  if (state != kSemLock) {
    if (state != kSemUnknown && HeldIndex(ts, addr) >= 0) DropRecords(ts, addr);
    if (acq == kAcqBlocking && !ObjectShared(addr, kWaitSem)) {
      uintptr_t pcs[kHeldPcs];
      int n = 0;
      if (ts->py_for == addr) {
        for (; n < ts->py_npcs; ++n) pcs[n] = ts->py_pcs[n];
      } else {
        n = WaitPcs(ts, pc, pcs, kHeldPcs);
      }
      if (o == nullptr) o = SyncGet(addr, kSyncSem, pcs, n);
      PublishWait(ts, kWaitSem, addr, 0, 0, pcs, n);
      c->how = kHowSignal;
    }
    c->how |= py_first;
    return;
  }
  // A lock. CPython's first try of a blocking acquire counts as blocking once it succeeded.
  int how = 0;
  Acq a = acq == kAcqBlocking ? kAcqBlocking : acq == kAcqTimed ? kAcqTimed : kAcqTry;
  if (py && acq == kAcqTry && ts->py_npcs != 0 && PythonBlockingAcquire(ts->py_pcs[0])) how |= kHowPyTry;
  if (NothingHeld(ts)) {
    Held *h = FirstAcquire(ts, sem, kSem, kModeWrite, a);
    UsePythonFrames(ts, addr, h);
    if (a == kAcqBlocking) {
      PublishFirstWait(ts);
      how |= kHowPublished;
    }
    c->how = how | kHowFirst | py_first;
    return;
  }
  Held *h = NextHeld(ts);
  c->slot = BeforeAcquire(ts, sem, kSem, kModeWrite, a, h);
  UsePythonFrames(ts, addr, h);
  c->h = h;
  c->how = how | kHowNested | py_first;
}

void AfterAcquireIn(SemCall *c, ThreadState *ts, const void *sem, int rc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(sem);
  switch (c->how & kHowMask) {
    case kHowSignal:
      EndWait(ts);
      break;
    case kHowFirst:
      if (c->how & kHowPublished) EndFirstWait(ts);
      if (rc == 0) {
        if (c->how & kHowPyTry) ts->held[0].tried = 0;
        ts->nheld = 1;
      }
      break;
    case kHowNested:
      if (rc == 0 && (c->how & kHowPyTry) && c->slot != 0) {
        Guard g(ts);
        ChainAfterTry(ts, c->slot, kSem, kModeWrite, c->h);
      }
      AfterAcquire(ts, c->slot, c->h, rc == 0);
      break;
    default:
      break;
  }
  // A failed first try of CPython is followed by its blocking wait: the frames stay for it.
  if (rc == 0 || !(c->how & kHowPyFirst)) {
    if (ts->py_for == addr) ts->py_for = 0;
  }
}

// A lock's record is made before the real call and counted after it: while it is, the thread is
// inside the hook (a signal handler's locks only forward), as for a mutex (interceptors.cc).
bool HeldAcross(const SemCall *c) {
  int how = c->how & kHowMask;
  return how == kHowFirst || how == kHowNested;
}

}  // namespace

void SemBeforeAcquire(SemCall *c, const void *sem, int acq, uintptr_t pc) {
  c->how = kHowNone;
  c->sem = sem;
  c->ts = Enter();
  ThreadState *ts = c->ts;
  if (ts == nullptr) return;
  Guard g(ts);
  BeforeAcquireIn(c, ts, sem, acq, pc);
  if (HeldAcross(c)) ++ts->in_hook;  // until SemAfterAcquire
}

void SemAfterAcquire(SemCall *c, const void *sem, int rc) {
  ThreadState *ts = c->ts;
  if (ts == nullptr) return;
  Guard g(ts);
  if (HeldAcross(c)) --ts->in_hook;  // SemBeforeAcquire's
  AfterAcquireIn(c, ts, sem, rc);
}

// sem_wait, sem_timedwait and sem_clockwait are cancellation points: a deferred cancellation
// acts inside the real call, which then never returns to the wrapper. The wrapper runs this as a
// cleanup handler (as the program's own handlers run, before them): the wait is over, the lock
// not taken, and the guard raised across the call (HeldAcross) is lowered - else the thread's
// cleanup handlers and its end would go untracked.
void SemCancelled(void *call) {
  SemCall *c = static_cast<SemCall *>(call);
  int err = errno;
  SemAfterAcquire(c, c->sem, -1);
  errno = err;
}

void SemBeforePost(SemCall *c, const void *sem, uintptr_t pc) {
  c->how = kHowNone;
  c->ts = Enter();
  ThreadState *ts = c->ts;
  if (ts == nullptr) return;
  Guard g(ts);
  uintptr_t addr = reinterpret_cast<uintptr_t>(sem);
  PurgeIfAsked(ts);
  c->how = kHowPost;
  SyncObj *o = SyncFind(addr);
  if (o != nullptr && o->sem_state.load(std::memory_order_acquire) == kSemLock) {
    if (BeforeRelease(ts, sem)) return;  // its holder gives it back
    NotALock(o, addr);  // posted by a thread that did not take it: a signal
  }
  if (o == nullptr) {
    uintptr_t site[kSitePcs];
    int n = WaitPcs(ts, pc, site, kSitePcs);
    o = SyncGet(addr, kSyncSem, site, n);
    if (o == nullptr) return;
  }
  SyncAddSeen(o, ts->uid);
}

void SemAfterPost(SemCall *c, const void *sem, int rc) {
  (void)sem;
  (void)rc;
  if (c->ts != nullptr) c->ts->py_for = 0;
}

}  // namespace lg
