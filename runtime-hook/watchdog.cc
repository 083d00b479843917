// The watchdog: actual deadlocks. A thread of the hook's own (started with the program's first
// thread, or when a self-deadlock is reported) looks every watchdog_ms at the waits-for graph -
// a thread waiting for a lock waits for every thread holding it in a mode that excludes its own -
// and a cycle seen twice in a row, with the same waits, is a deadlock: it is reported with each
// thread's wait and held locks, and the process ends (on_deadlock).
//
// Reads the other threads' states without their cooperation (held arrays are never unmapped; a
// torn read is re-checked on the next look). Must not: take g_mu while it reads, take a number
// or a state as a tracked thread, or run the host's signal handlers (all signals blocked).
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include <cstring>

#include "hook_state.h"
#include "interceptors.h"
#include "lock_path.h"

namespace lg {

std::atomic<bool> g_watchdog_started{false};

namespace {

// The threads a waiting thread waits for: those holding the lock it wants in a mode that
// excludes its own (a writer waits for readers too). Only waiting threads are looked at: a
// holder that is not itself waiting cannot be part of a deadlock. A thread holding the lock
// it waits for (a rwlock read, then write) waits for itself. Held sets are read without their
// threads' cooperation (arrays are never unmapped); a torn read is re-checked on the next look.
int WaitsFor(ThreadState *t, ThreadState **out, int max) {
  uint32_t ws = t->wait_slot.load(std::memory_order_acquire);
  if (ws == 0) return 0;
  const Held *w = t->wait_rec;
  uint32_t uid = w->uid;
  uint8_t mode = w->mode;
  if (g_nodes[ws - 1].uid != uid) return 0;
  int k = 0;
  for (uint32_t i = 0; i < g_registry_used && k < max; ++i) {
    ThreadState *r = g_registry[i];
    if (r == nullptr || r->wait_slot.load(std::memory_order_acquire) == 0) continue;
    const Held *held;
    uint32_t nh = HeldArray(r, &held);
    for (uint32_t j = 0; j < nh; ++j)
      if (held[j].slot == ws - 1 && held[j].uid == uid && !Stale(held[j]) &&
          (held[j].mode == kModeWrite || mode == kModeWrite)) {
        out[k++] = r;
        break;
      }
  }
  return k;
}

void Watchdog() {
  uint64_t last_sig = 0;
  uint32_t round = 0;
  constexpr int kMaxDepth = 32, kMaxSucc = 8;
  struct Frame {
    ThreadState *t;
    ThreadState *succ[kMaxSucc];
    int nsucc, next;
  };
  static Frame path[kMaxDepth];
  for (;;) {
    struct timespec ts = {g_opt.watchdog_ms / 1000, (g_opt.watchdog_ms % 1000) * 1000000L};
    nanosleep(&ts, nullptr);
    // A depth-first search of the waits-for graph (thread -> the threads holding what it waits
    // for); any cycle is a deadlock, since a waiter needs every holder to let go.
    uint64_t found_sig = 0;
    static Finding f;
    ThreadState *cycle[16];
    int ncycle = 0;
    ++round;
    for (uint32_t i = 0; i < g_registry_used && found_sig == 0; ++i) {
      ThreadState *start = g_registry[i];
      if (start == nullptr || start->wd_round == round ||
          start->wait_slot.load(std::memory_order_acquire) == 0)
        continue;
      int depth = 0;
      start->wd_round = round;
      path[depth].t = start;
      path[depth].nsucc = WaitsFor(start, path[depth].succ, kMaxSucc);
      path[depth].next = 0;
      ++depth;
      while (depth > 0 && found_sig == 0) {
        Frame &fr = path[depth - 1];
        if (fr.next == fr.nsucc) {
          --depth;
          continue;
        }
        ThreadState *nx = fr.succ[fr.next++];
        if (nx->wd_round == round) {
          int seen = -1;
          for (int k = 0; k < depth; ++k)
            if (path[k].t == nx) seen = k;
          if (seen < 0) continue;  // explored before: no cycle through it
          uint64_t sig = 0;
          for (int k = seen; k < depth; ++k) {
            if (ncycle < 16) cycle[ncycle++] = path[k].t;
            sig += Mix(static_cast<uint64_t>(path[k].t->tid) << 32 ^ path[k].t->wait_seq.load());
          }
          found_sig = sig | 1;
          break;
        }
        if (depth == kMaxDepth || nx->wait_slot.load(std::memory_order_acquire) == 0) continue;
        nx->wd_round = round;
        path[depth].t = nx;
        path[depth].nsucc = WaitsFor(nx, path[depth].succ, kMaxSucc);
        path[depth].next = 0;
        ++depth;
      }
    }
    if (found_sig == 0 || found_sig != last_sig) {
      last_sig = found_sig;  // confirm on the next look: the same threads, the same waits
      continue;
    }
    memset(&f, 0, sizeof(f));
    f.kind = kActualDeadlock;
    for (int k = 0; k < ncycle && f.nblocked < 16; ++k) {
      ThreadState *t = cycle[k];
      BlockedThread &b = f.blocked[f.nblocked++];
      b.thread_uid = t->uid;
      b.tid = t->tid;
      b.wait_slot = t->wait_slot.load() - 1;
      const Held *w = t->wait_rec;
      b.wait_uid = w->uid;
      b.wait_npcs = w->npcs < kHeldPcs ? w->npcs : kHeldPcs;
      memcpy(b.wait_pcs, w->pcs, sizeof(uintptr_t) * b.wait_npcs);
      const Held *held;
      uint32_t nh = HeldArray(t, &held);
      b.nheld = nh < 8 ? nh : 8;
      memcpy(b.held, held, b.nheld * sizeof(Held));
    }
    FlushLatent();
    ReportFinding(f);
    if (StrEq(g_opt.on_deadlock, "abort")) {
      FlushUserStdio();
      signal(SIGABRT, SIG_DFL);
      abort();
    }
    if (!StrEq(g_opt.on_deadlock, "report")) {
      FlushUserStdio();
      RealExit(g_opt.deadlock_exitcode);
    }
    last_sig = ~found_sig;  // reported: wait for a different deadlock
    while (true) {
      nanosleep(&ts, nullptr);
      if (g_findings.load() < 0) break;  // never: keep the reported deadlock quiet
    }
  }
}

void *WatchdogMain(void *) {
  t_busy = 1;  // the watchdog is never a tracked thread: no state, no thread number
  Watchdog();
  return nullptr;
}

}  // namespace

void StartWatchdog() {
  if (g_opt.watchdog_ms <= 0 || g_watchdog_started.exchange(true)) return;
  pthread_t th;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, size_t{2} << 20);  // reports need room (on the hook stack elsewhere)
  // Block signals in the watchdog so the host's handlers never run on it.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  if (real.pthread_create(&th, &attr, WatchdogMain, nullptr) != 0) g_watchdog_started = false;
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  pthread_attr_destroy(&attr);
}

}  // namespace lg
