// Misuse checks: unlock-unheld, destroy-locked (a destroy, or free() of the memory, while held),
// exit-holding, and the report of any finding about the calling thread at its call
// site (ReportHere; self-deadlock comes through it too). Called from the lock path's slow
// functions and from the thread and free wrappers; reads other threads' held sets only through
// HeldByAnyThread (threads.cc).
//
// Must not: run on the lock path's fast paths, or report with g_mu held.
#include <malloc.h>

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
  Guard g(ts);
  ReportHere(ts, kUnlockUnheld, &slot, 1, pc, false);
}

}  // namespace

void ReportHere(ThreadState *ts, int kind, const uint32_t *slots, int nslots, uintptr_t site_pc,
                bool with_held) {
  uint64_t key = Mix(static_cast<uint64_t>(kind) << 56 ^ site_pc ^ Mix(g_nodes[slots[0]].uid));
  if (!SeenOnce(key)) return;
  static Finding f;  // serialised by the report mutex below
  static InternalMutex mu;
  InternalLockGuard guard(mu);
  memset(&f, 0, sizeof(f));
  f.kind = kind;
  FillLocks(f, slots, nslots);
  f.tid = ts->tid;
  f.thread_uid = ts->uid;
  f.stack_len = StackHere(ts, f.stack, g_opt.stack_depth < kMaxStack ? g_opt.stack_depth : kMaxStack);
  if (with_held) {
    for (uint32_t i = 0; i < ts->nheld && f.nheld < 8; ++i) f.held[f.nheld++] = ts->held[i];
  }
  ReportFinding(f);
}

// After the real unlock of a lock the thread did not hold: a bug, unless the lock was never seen
// taken (taken before the hook was there). When the unlock went through, whoever held the lock
// holds it no more: its record goes stale, so it draws no edges from it.
__attribute__((noinline)) void AfterUnheldRelease(ThreadState *ts, const void *lock, int rc,
                                                  uintptr_t pc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  Held holder;
  bool held_unresolved = HeldByAnyThread(addr, 0, 0, rc == 0, &holder);
  uint32_t slot = FindSlot(addr);  // after the scan: a holder may have resolved it meanwhile
  if (slot == 0) {
    if (!held_unresolved) return;  // never seen taken: nothing to say
    slot = NewNodeAt(addr, holder.type, KindFlags(holder.kind), &pc, 1);
    if (slot == 0) return;
  }
  if (rc == 0) g_nodes[slot].release_seq.fetch_add(1, std::memory_order_relaxed);
  ReportUnheld(ts, slot, pc);
}

void OnDestroy(ThreadState *ts, const void *lock, uintptr_t pc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  uint32_t slot = FindSlot(addr);
  Held holder;
  bool held = HeldByAnyThread(addr, slot, slot ? g_nodes[slot].uid : 0, true, &holder);
  if (slot == 0) {
    if (!held || !g_opt.detect_misuse) return;  // never seen, or held and never looked up
    slot = NewNodeAt(addr, holder.type, KindFlags(holder.kind), &pc, 1);  // named for the report, then forgotten
    if (slot == 0) return;
  }
  if (g_opt.detect_misuse && held) {
    Guard g(ts);
    ReportHere(ts, kDestroyLocked, &slot, 1, pc, false);
  }
  InternalLockGuard guard(g_mu);
  ForgetNodeLocked(addr);
}

void OnFree(void *p, uintptr_t pc) {
  // A lock this thread holds with nothing else held has no node yet (the page map does not
  // know it): freeing its memory is a destroy while held.
  if (ThreadState *me = t_state; me != nullptr && me->nheld != 0 && me->held[0].uid == 0 &&
                                 !me->in_hook && me->held[0].addr >= reinterpret_cast<uintptr_t>(p)) {
    uintptr_t a = me->held[0].addr, off = a - reinterpret_cast<uintptr_t>(p);
    if (off < (uintptr_t{1} << 30) && off < malloc_usable_size(p)) OnDestroy(me, reinterpret_cast<void *>(a), pc);
  }
  if (g_live_pages.load(std::memory_order_relaxed) > 0 && g_state.load(std::memory_order_acquire) == kReady) {
    uintptr_t lo = reinterpret_cast<uintptr_t>(p);
    uintptr_t hi = lo + malloc_usable_size(p);
    bool any = false;
    for (uintptr_t page = lo >> 12; page <= (hi - 1) >> 12 && !any; ++page) any = PageHasLocks(page);
    if (any) {
      ThreadState *ts = Enter();
      for (uintptr_t a = lo; a < hi; a += 8) {
        if (FindSlot(a) == 0) continue;
        if (ts) {
          OnDestroy(ts, reinterpret_cast<void *>(a), pc);
        } else {
          InternalLockGuard guard(g_mu);
          ForgetNodeLocked(a);
        }
      }
    }
  }
}

void ReportExitHolding(ThreadState *ts) {
  if (ts->nheld == 0 || !g_opt.detect_misuse || !ResolveFirst(ts)) return;
  uint32_t slots[8];
  int n = 0;
  for (uint32_t i = 0; i < ts->nheld && n < 8; ++i)
    if (g_nodes[ts->held[i].slot].uid == ts->held[i].uid && !Stale(ts->held[i])) slots[n++] = ts->held[i].slot;
  ++ts->in_hook;
  if (n > 0) ReportHere(ts, kExitHolding, slots, n, ts->held[0].pcs[0], true);
  --ts->in_hook;
}

}  // namespace lg
