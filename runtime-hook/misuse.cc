// Misuse checks: unlock-unheld, destroy-locked (a destroy, or free() of the memory, while held),
// exit-holding, and the report of any finding about the calling thread at its call
// site (ReportHere; self-deadlock comes through it too). Called from the lock path's slow
// functions and from the thread and free wrappers; reads other threads' held sets only through
// HeldByAnyThread (threads.cc).
//
// Must not: run on the lock path's fast paths, or report with g_mu held.
#include <cstring>

#include "hook_state.h"
#include "lock_path.h"

namespace lg {

namespace {

void FillLocks(Finding &f, const uint32_t *slots, int n) {
  f.nlocks = n;
  for (int i = 0; i < n; ++i) {
    f.lock_slots[i] = slots[i];
    f.lock_uids[i] = g_nodes[slots[i]].uid;
  }
}

void ReportUnheld(ThreadState *ts, uint32_t slot, uintptr_t pc) {
  if (!g_opt.detect_misuse) return;
  ReportHere(ts, kUnlockUnheld, &slot, 1, pc, false);
}

// A robust mutex: its owner may die holding it, by design (the next owner gets EOWNERDEAD).
bool RobustMutex(const Held &h) {
  return h.type == kMutex &&
         (reinterpret_cast<const pthread_mutex_t *>(h.addr)->__data.__kind & 16) != 0;  // glibc's robust bit of __kind
}

}  // namespace

namespace {
struct HereArgs {
  ThreadState *ts;
  int kind;
  const uint32_t *slots;
  int nslots;
  bool with_held;
};

// On the hook's stack: a Finding is large, and so is what the report needs.
void ReportHereOnStack(void *p) {
  const HereArgs &a = *static_cast<HereArgs *>(p);
  Finding f;
  memset(&f, 0, sizeof(f));
  f.kind = a.kind;
  FillLocks(f, a.slots, a.nslots);
  f.tid = a.ts->tid;
  f.thread_uid = a.ts->uid;
  f.stack_len = StackHere(a.ts, f.stack, g_opt.stack_depth < kMaxStack ? g_opt.stack_depth : kMaxStack);
  if (a.with_held) {
    for (uint32_t i = 0; i < a.ts->nheld && f.nheld < 8; ++i) f.held[f.nheld++] = a.ts->held[i];
  }
  ReportFinding(f);
}
}  // namespace

void ReportHere(ThreadState *ts, int kind, const uint32_t *slots, int nslots, uintptr_t site_pc,
                bool with_held) {
  uint64_t key = Mix(static_cast<uint64_t>(kind) << 56 ^ site_pc ^ Mix(g_nodes[slots[0]].uid));
  if (!SeenOnce(key)) return;
  HookWork work(ts);
  HereArgs a = {ts, kind, slots, nslots, with_held};
  RunOnHookStack(ReportHereOnStack, &a);
}

namespace {

// What the lock's own memory says (glibc's layouts): locked at all, and by which thread (a mutex
// records its owner's tid; 0: unknown). False when the type's memory is not read (spin locks).
bool LockState(const void *lock, uint8_t type, bool *locked, int *owner) {
  *owner = 0;
  if (type == kMutex) {
    const pthread_mutex_t *m = static_cast<const pthread_mutex_t *>(lock);
    *locked = __atomic_load_n(&m->__data.__lock, __ATOMIC_RELAXED) != 0;
    *owner = __atomic_load_n(&m->__data.__owner, __ATOMIC_RELAXED);
    return true;
  }
  if (type == kRwlock) {  // __readers: the readers' count from bit 3, bit 1 write-locked
    unsigned r = __atomic_load_n(&static_cast<const pthread_rwlock_t *>(lock)->__data.__readers, __ATOMIC_RELAXED);
    *locked = (r >> 3) != 0 || (r & 2) != 0;
    return true;
  }
  return false;
}

// A mutex whose unlock the C library checks: recursive, error-checking and robust ones refuse an
// unlock by a thread that does not own them (EPERM), and the program is told - no misuse.
bool OwnerChecked(const void *lock, uint8_t type) {
  if (type != kMutex) return false;
  int kind = __atomic_load_n(&static_cast<const pthread_mutex_t *>(lock)->__data.__kind, __ATOMIC_RELAXED);
  return (kind & 3) == PTHREAD_MUTEX_RECURSIVE_NP || (kind & 3) == PTHREAD_MUTEX_ERRORCHECK_NP ||
         (kind & 16) != 0;  // glibc's robust bit of __kind
}

}  // namespace

// Before the real unlock of a lock the calling thread does not hold (its held set says so): a
// misuse reported at the call, before the C library acts on it - an unlock of a lock that is not
// locked at all (never locked, or unlocked twice: for a rwlock, the next lock of it hangs), or of
// one another thread holds (a default mutex is then really unlocked under its owner). A lock this
// thread does hold in fact (an acquisition the hook could not track) and a mutex the C library
// checks (EPERM) are left alone. (A thread cancelled in a condition wait holds its mutex again
// when its cleanup handlers run: the wait's wrapper registers the re-acquisition as the innermost
// handler, interceptors.cc.)
// False: nothing to do after the real unlock either.
__attribute__((noinline)) bool BeforeUnheldRelease(ThreadState *ts, const void *lock, uint8_t type,
                                                   uintptr_t pc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  if (!g_opt.detect_misuse || OwnerChecked(lock, type)) return true;
  HookWork work(ts);
  bool locked = true;
  int owner = 0;
  bool known = LockState(lock, type, &locked, &owner);
  Held holder;
  bool held_unresolved = HeldByAnyThread(addr, 0, 0, /*lose=*/false, &holder);
  uint32_t slot = FindSlot(addr);  // after the scan: a holder may have resolved it meanwhile
  bool report;
  if (known && !locked)
    report = true;  // not locked at all
  else if (known && owner != 0)
    report = owner != ts->tid;  // a mutex: its owner is someone else
  else
    report = slot != 0 || held_unresolved;  // the hook saw another thread take it
  if (!report) return true;
  if (slot == 0) {
    uintptr_t site = pc;
    slot = NewNodeAt(addr, held_unresolved ? holder.type : type, held_unresolved ? KindFlags(holder.kind) : ReadLockFlags(lock, type), &site, 1);
    if (slot == 0) return true;
  }
  ReportUnheld(ts, slot, pc);
  StartWatchdog();  // the misuse may hang this thread (or the next one to take the lock)
  return true;
}

// After the real unlock of a lock the thread did not hold. When the unlock went through (not
// refused: EPERM), whoever held the lock holds it no more: its record goes stale, so it draws no
// edges from it.
__attribute__((noinline)) void AfterUnheldRelease(ThreadState *ts, const void *lock, int rc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  if (rc != 0) return;  // the unlock failed (an error-checking mutex: EPERM): the program was told
  HookWork work(ts);
  HeldByAnyThread(addr, 0, 0, /*lose=*/true, nullptr);
  uint32_t slot = FindSlot(addr);
  if (slot != 0) g_nodes[slot].release_seq.fetch_add(1, std::memory_order_relaxed);
  g_lock_epoch.value.fetch_add(1, std::memory_order_acq_rel);  // predictions keep release counts
}

void OnDestroy(ThreadState *ts, const void *lock, uintptr_t pc) {
  HookWork work(ts);
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  uint32_t slot = FindSlot(addr);
  Held holder;
  bool held = HeldByAnyThread(addr, slot, slot ? g_nodes[slot].uid : 0, true, &holder);
  if (slot == 0) {
    if (!held || !g_opt.detect_misuse) return;  // never seen, or held and never looked up
    slot = NewNodeAt(addr, holder.type, KindFlags(holder.kind), &pc, 1);  // named for the report, then forgotten
    if (slot == 0) return;
  }
  if (g_opt.detect_misuse && held) ReportHere(ts, kDestroyLocked, &slot, 1, pc, false);
  InternalLockGuard guard(g_mu);
  ForgetNodeLocked(addr);
}

void OnFree(void *p, uintptr_t pc) {
  size_t size = BlockSize(p);  // 0: not known (an allocator without malloc_usable_size)
  if (size == 0) return;
  // A lock this thread holds with nothing else held has no node yet (the page map does not
  // know it): freeing its memory is a destroy while held.
  if (ThreadState *me = t_state; me != nullptr && me->nheld != 0 && me->held[0].uid == 0 &&
                                 !me->in_hook && me->held[0].addr >= reinterpret_cast<uintptr_t>(p) &&
                                 (me->nheld != 1 || !(me->held[0].tried & kHeldPending) || SettleFirst(me))) {
    uintptr_t a = me->held[0].addr, off = a - reinterpret_cast<uintptr_t>(p);
    if (off < (uintptr_t{1} << 30) && off < size) OnDestroy(me, reinterpret_cast<void *>(a), pc);
  }
  if (g_live_pages.load(std::memory_order_relaxed) > 0 && g_state.load(std::memory_order_acquire) == kReady) {
    uintptr_t lo = reinterpret_cast<uintptr_t>(p);
    uintptr_t hi = lo + size;
    bool any = false;
    for (uintptr_t page = lo >> 12; page <= (hi - 1) >> 12 && !any; ++page) any = PageHasLocks(page);
    if (any) {
      ThreadState *ts = Enter();
      for (uintptr_t a = lo; a < hi; a += 8) {
        if (FindSlot(a) == 0) continue;
        if (ts) {
          OnDestroy(ts, reinterpret_cast<void *>(a), pc);
        } else {
          HookWork work(nullptr);
          InternalLockGuard guard(g_mu);
          ForgetNodeLocked(a);
        }
      }
    }
  }
}

void ReportExitHolding(ThreadState *ts) {
  if (ts->nheld == 0 || !g_opt.detect_misuse) return;
  HookWork work(ts);
  if (!ResolveFirst(ts)) return;
  uint32_t slots[8];
  int n = 0;
  for (uint32_t i = 0; i < ts->nheld && n < 8; ++i) {
    const Held &h = ts->held[i];
    if (g_nodes[h.slot].uid == h.uid && !Stale(h) && !RobustMutex(h)) slots[n++] = h.slot;
  }
  if (n > 0) ReportHere(ts, kExitHolding, slots, n, ts->held[0].pcs[0], true);
}

}  // namespace lg
