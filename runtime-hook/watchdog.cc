// The watchdog: actual deadlocks. A thread of the hook's own (started with the program's first
// thread or first wait, or when a self-deadlock is reported) looks every watchdog_ms at what the
// threads wait for - the waits-for graph of every blocking call the hook sees - and finds the
// threads that can never make progress again; the same set, in the same waits, two looks in a
// row is a deadlock: reported with each thread's wait and held locks, and the process ends
// (on_deadlock).
//
// The model (AND/OR waits; a thread is stuck when what it waits for can never come):
//   a lock       waits for every thread holding it in a mode that excludes its own: stuck when
//                one of them is stuck (a thread holding the lock it waits for waits for
//                itself). A lock nobody holds (its holder ended, or it was unlocked while
//                unlocked) can only be released by anyone: stuck when every thread is.
//   a join       waits for the thread: stuck when that thread is.
//   a condition  waits for any thread that may signal it - those seen signalling it, or any
//                thread when none was - or that holds its mutex: stuck when all of them are.
//   a semaphore  that is a lock: as a lock. Any other: waits for the threads seen posting it
//                (or any): stuck when all are, and never while the program has a handler for an
//                asynchronous signal (a handler may post a semaphore).
//   a barrier    waits for the threads that have not arrived: stuck when all of them are.
// Starting from every thread in a wait the hook knows, threads whose wait someone not stuck can
// end are taken out until nothing changes (the greatest fixed point). A thread in a call the
// hook does not know (read, poll, sleep...) or in a timed wait is never stuck, nor is an object
// shared with other processes, nor "any thread" while the process has threads the hook does not
// know: a false "blocked for ever" would end a healthy program.
//
// Reads the other threads' states without their cooperation (held arrays are never unmapped; a
// torn read is re-checked on the next look). Must not: take g_mu while it reads, take a number
// or a state as a tracked thread, or run the host's signal handlers (all signals blocked).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/uio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <cstring>

#include "hook_state.h"
#include "interceptors.h"
#include "lock_path.h"
#include "lock_table.h"
#include "waits.h"

namespace lg {

std::atomic<bool> g_watchdog_started{false};

namespace {

constexpr int kMaxView = 4096;  // as many as the registry holds
constexpr int kMaxDeps = 16;

enum ViewWait : uint8_t { kViewRunning = 0, kViewLock, kViewJoin, kViewCond, kViewSem, kViewBarrier };

// One live thread as this look saw it.
struct View {
  ThreadState *ts;
  uint32_t uid;
  int tid;
  uint8_t wait;    // ViewWait
  uint8_t mode;    // a lock wait's
  bool stuck;
  bool any;        // waits for any thread (OR over all others)
  bool and_deps;   // stuck when one of deps is (a lock's holders, a joined thread); else when all are
  bool barrier;    // waits for every thread not at the same barrier
  uintptr_t addr;  // the lock or object
  uintptr_t mutex;
  uint64_t seq;
  const Held *rec;  // a lock wait: its record
  Held rec_copy;
  WaitRecord other;
  int ndeps;
  int deps[kMaxDeps];
};
View g_view[kMaxView];
int g_nview;

bool MutexShared(uintptr_t addr, uint8_t type) {
  if (type == kMutex) return (reinterpret_cast<const pthread_mutex_t *>(addr)->__data.__kind & 128) != 0;
  if (type == kRwlock) return reinterpret_cast<const pthread_rwlock_t *>(addr)->__data.__shared != 0;
  if (type == kSem) return ObjectShared(addr, kWaitSem);
  return false;
}

// Does the process have a handler for a signal that can come from outside (a handler may post a
// semaphore)? CPython's own SIGINT handler (it only sets a flag) does not count.
bool AsyncSignalHandlers() {
  static const int kAsync[] = {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
                               SIGCHLD, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ,
                               SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPWR};
  auto handled = [](int sig) {
    struct sigaction old;
    if (sigaction(sig, nullptr, &old) != 0) return false;
    uintptr_t h = (old.sa_flags & SA_SIGINFO) ? reinterpret_cast<uintptr_t>(old.sa_sigaction)
                                              : reinterpret_cast<uintptr_t>(old.sa_handler);
    if (h == reinterpret_cast<uintptr_t>(SIG_DFL) || h == reinterpret_cast<uintptr_t>(SIG_IGN)) return false;
    return !(sig == SIGINT && FromPython(h));
  };
  for (int sig : kAsync)
    if (handled(sig)) return true;
  for (int sig = SIGRTMIN; sig <= SIGRTMAX; ++sig)
    if (handled(sig)) return true;
  return false;
}

// A task's /proc stat line read into `buf`: the fields after the command name (which may hold
// spaces), starting with the state; nullptr when it cannot be read (the task is gone).
const char *StatFields(const char *path, char *buf, size_t size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  ssize_t n = read(fd, buf, size - 1);
  close(fd);
  if (n <= 0) return nullptr;
  buf[n] = 0;
  const char *p = strrchr(buf, ')');
  return p != nullptr && p[1] == ' ' ? p + 2 : nullptr;
}

// The number of threads of the process (/proc/self/stat, field 20); 0 when unknown.
int ProcessThreads() {
  char buf[1024];
  const char *p = StatFields("/proc/self/stat", buf, sizeof(buf));
  if (p == nullptr) return 0;
  for (int field = 3; *p && field < 20; ++p)
    if (*p == ' ') ++field;
  return atoi(p);
}

// Has every thread of the program ended, the watchdog alone left? glibc ends the process when its
// last thread ends (exit(0), whichever thread that is: main after pthread_exit, or the one thread
// of a child forked from a thread that was not main), but it counts the watchdog, which must not
// keep the process alive. The process's first thread, ended before the others, stays a zombie
// until the process ends: only then is every other task read (a zombie or gone). No malloc.
bool OnlyWatchdogLeft() {
  char stat[512];
  const char *p = StatFields("/proc/self/stat", stat, sizeof(stat));
  if (p == nullptr || *p != 'Z') return false;
  int dir = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return false;
  alignas(dirent64) char buf[4096];
  bool alone = true;
  int me = GetTid();
  for (ssize_t n; alone && (n = getdents64(dir, buf, sizeof(buf))) > 0;) {
    for (ssize_t off = 0; off < n && alone;) {
      const dirent64 *d = reinterpret_cast<const dirent64 *>(buf + off);
      off += d->d_reclen;
      if (d->d_name[0] < '0' || d->d_name[0] > '9' || atoi(d->d_name) == me) continue;
      char path[64];
      Buf b(path, sizeof(path));
      b.Str("/proc/self/task/").Str(d->d_name).Str("/stat");
      const char *q = StatFields(path, stat, sizeof(stat));
      if (q != nullptr && *q != 'Z' && *q != 'X') alone = false;
    }
  }
  close(dir);
  return alone;
}

// The lock word and the owner of the mutex at `addr`, read without trusting that it is still
// mapped (the program may have freed the memory of a lock another thread waits for): false when
// it is not.
bool MutexWords(uintptr_t addr, int *lock, int *owner) {
  int words[3];  // __lock, __count, __owner
  static_assert(offsetof(pthread_mutex_t, __data.__owner) == 2 * sizeof(int), "glibc's mutex layout");
  struct iovec local = {words, sizeof(words)};
  struct iovec remote = {reinterpret_cast<void *>(addr), sizeof(words)};
  if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != sizeof(words)) {
    if (errno == EFAULT) return false;
    // No process_vm_readv here (seccomp): the lock's memory, read directly.
    words[0] = __atomic_load_n(reinterpret_cast<const int *>(addr), __ATOMIC_RELAXED);
    words[2] = MutexOwner(addr);
  }
  *lock = words[0];
  *owner = words[2];
  return true;
}

int OwnerOf(uintptr_t addr) {
  int lock, owner;
  return MutexWords(addr, &lock, &owner) ? owner : -1;
}

// Is thread r waiting in the real lock of its pending newest record `h` (a copy)? Not while the
// mutex is free: the thread is about to take it, or took it without writing its owner (an elided
// lock, with glibc's elision tunable on): it runs. A resolved record's lock must still live (its
// node) before its memory is read.
bool PendingWait(const ThreadState *r, const Held &h) {
  if (!(h.tried & kHeldPending) || h.addr == 0) return false;
  if (h.uid == 0 ? r->lost_epoch.load(std::memory_order_relaxed) != h.release_seq
                 : g_nodes[h.slot].uid != h.uid || Stale(h))
    return false;
  int lock, owner;
  return MutexWords(h.addr, &lock, &owner) && lock != 0 && PendingNotTaken(r, h, owner);
}

// Thread r's newest record into *out when r waits in the real lock of that pending record (only
// the newest can be: the thread got past the real lock of every record below it).
bool PendingNewestCopy(const ThreadState *r, Held *out) {
  const Held *held;
  uint32_t nh = HeldArray(r, &held);
  if (nh == 0) return false;
  Held h = held[nh - 1];
  if (!PendingWait(r, h)) return false;
  *out = h;
  return true;
}

// A record in another thread's held array that still holds `addr`.
bool HoldsRecord(const ThreadState *r, const Held &h, uintptr_t addr) {
  if (h.addr != addr) return false;
  if (h.uid == 0 && (h.tried & kHeldPending))
    return r->lost_epoch.load(std::memory_order_relaxed) == h.release_seq && OwnerOf(addr) == r->tid;
  if (h.uid == 0) return r->lost_epoch.load(std::memory_order_relaxed) == h.release_seq;
  if (g_nodes[h.slot].uid != h.uid || Stale(h)) return false;
  return !(h.tried & kHeldPending) || OwnerOf(addr) == r->tid;
}

int FindView(uint32_t uid) {
  for (int j = 0; j < g_nview; ++j)
    if (g_view[j].uid == uid) return j;
  return -1;
}

void AddDep(View &v, int j) {
  for (int k = 0; k < v.ndeps; ++k)
    if (v.deps[k] == j) return;
  if (v.ndeps < kMaxDeps) {
    v.deps[v.ndeps++] = j;
  } else if (!v.and_deps) {
    v.any = true;  // too many to list: wait for everyone (never stuck while anyone runs)
  }
}

// The threads holding `addr` in a mode that excludes `mode` become deps of v.
void AddHolders(View &v, uintptr_t addr, uint8_t mode) {
  for (int j = 0; j < g_nview; ++j) {
    const Held *held;
    uint32_t nh = HeldArray(g_view[j].ts, &held);
    for (uint32_t k = 0; k < nh; ++k)
      if (HoldsRecord(g_view[j].ts, held[k], addr) && (held[k].mode == kModeWrite || mode == kModeWrite)) {
        AddDep(v, j);
        break;
      }
  }
}

// v waits for the lock of its copied record (v.rec_copy), whose node is `slot`: a nested wait,
// published through wait_slot or by the predicted path. False when the node's life is no longer
// the record's (the lock died meanwhile).
bool ResolvedLockWait(View &v, uint32_t slot) {
  const LockNode &n = g_nodes[slot];
  if (n.uid != v.rec_copy.uid) return false;
  v.addr = n.addr.load(std::memory_order_acquire);
  v.mode = v.rec_copy.mode;
  v.wait = kViewLock;
  return true;
}

// Reads what every live thread waits for (g_view).
void Snapshot() {
  g_nview = 0;
  for (uint32_t i = 0; i < g_registry_used && g_nview < kMaxView; ++i) {
    ThreadState *r = g_registry[i];
    if (r == nullptr) continue;
    View &v = g_view[g_nview++];
    memset(static_cast<void *>(&v), 0, sizeof(View));
    v.ts = r;
    v.uid = r->uid;
    v.tid = r->tid;
    v.seq = r->wait_seq.load(std::memory_order_acquire);
    uint32_t ws = r->wait_slot.load(std::memory_order_acquire);
    if (ws != 0) {
      const Held *w = r->wait_rec;
      if (w == nullptr) continue;
      v.rec_copy = *w;
      if (!ResolvedLockWait(v, ws - 1)) continue;
    } else if (WaitsFirst(r)) {
      const Held *held;
      HeldArray(r, &held);
      v.rec_copy = held[0];
      v.addr = v.rec_copy.addr;
      v.mode = v.rec_copy.mode;
      v.wait = kViewLock;
      if (!WaitsFirst(r)) v.wait = kViewRunning;
    } else if (NestedWaitCopy(r, &v.rec_copy)) {
      // The wrappers' predicted nested path (counted in wait_seq, no wait_slot): held[nheld]'s lock.
      if (!ResolvedLockWait(v, v.rec_copy.slot)) continue;
    } else if (PendingNewestCopy(r, &v.rec_copy)) {
      // Counted before its real lock (the wrappers' first or predicted nested lock of a default
      // mutex), not taken yet.
      if (v.rec_copy.uid != 0 && !ResolvedLockWait(v, v.rec_copy.slot)) continue;
      v.addr = v.rec_copy.addr;
      v.mode = v.rec_copy.mode;
      v.wait = kViewLock;
    } else {
      uint8_t k = r->wait_kind.load(std::memory_order_acquire);
      if (k == kWaitNone) continue;
      v.other = r->wait_other;
      v.addr = v.other.obj;
      v.mutex = v.other.mutex;
      v.wait = k == kWaitJoin ? kViewJoin : k == kWaitCond ? kViewCond : k == kWaitSem ? kViewSem : kViewBarrier;
    }
    if (r->wait_seq.load(std::memory_order_acquire) != v.seq) v.wait = kViewRunning;  // it moved on
    if (v.wait == kViewLock && ws == 0)  // a first-lock wait is not counted in wait_seq: its record tells it apart
      v.seq ^= Mix(v.addr ^ v.rec_copy.pcs[0] ^ (v.rec_copy.npcs > 1 ? v.rec_copy.pcs[1] << 1 : 0));
  }
}

// Whom each waiting thread waits for (deps, any, and_deps).
void WaitsFor(bool *need_threads, bool *need_handlers) {
  for (int i = 0; i < g_nview; ++i) {
    View &v = g_view[i];
    switch (v.wait) {
      case kViewLock:
        v.and_deps = true;
        AddHolders(v, v.addr, v.mode);
        if (v.ndeps == 0) {
          if (MutexShared(v.addr, v.rec_copy.type)) v.wait = kViewRunning;
          v.and_deps = false;
          v.any = true;
        }
        break;
      case kViewJoin: {
        v.and_deps = true;
        int j = -1;
        for (int k = 0; k < g_nview && j < 0; ++k)
          if (g_view[k].uid != 0 && g_threads[g_view[k].uid].pthread == v.addr) j = k;
        if (j < 0)
          v.wait = kViewRunning;  // ended (the join returns), or a thread the hook does not know
        else
          AddDep(v, j);
        break;
      }
      case kViewCond:
      case kViewSem: {
        int kind = v.wait == kViewCond ? kWaitCond : kWaitSem;
        if (ObjectShared(v.addr, kind)) {
          v.wait = kViewRunning;
          break;
        }
        if (v.wait == kViewSem) *need_handlers = true;
        uint32_t uids[kSyncSeen];
        int n = 0;
        if (ObjectSignallers(v.addr, uids, kSyncSeen, &n))
          for (int k = 0; k < n; ++k) {
            int j = FindView(uids[k]);
            if (j >= 0 && j != i) AddDep(v, j);
          }
        if (v.ndeps == 0) v.any = true;  // none seen (or all gone): any thread may
        if (v.wait == kViewCond && v.mutex != 0) AddHolders(v, v.mutex, kModeWrite);
        break;
      }
      case kViewBarrier:
        if (ObjectShared(v.addr, kWaitBarrier)) v.wait = kViewRunning;
        v.barrier = true;
        break;
      default:
        break;
    }
    if (v.any && v.wait != kViewRunning) *need_threads = true;
  }
}

// The greatest set of threads that can never make progress. Returns its size.
int Stuck(bool unknown_threads, bool handlers) {
  int nstuck = 0;
  for (int i = 0; i < g_nview; ++i) {
    View &v = g_view[i];
    v.stuck = v.wait != kViewRunning && !(v.wait == kViewSem && handlers);
    nstuck += v.stuck;
  }
  for (bool changed = true; changed && nstuck > 0;) {
    changed = false;
    for (int i = 0; i < g_nview; ++i) {
      View &v = g_view[i];
      if (!v.stuck) continue;
      bool ok;
      if (v.any) {
        ok = !unknown_threads && nstuck == g_nview;
        for (int k = 0; k < v.ndeps && ok; ++k) ok = g_view[v.deps[k]].stuck;
      } else if (v.barrier) {
        ok = !unknown_threads;
        for (int j = 0; j < g_nview && ok; ++j)
          if (!(g_view[j].wait == kViewBarrier && g_view[j].addr == v.addr)) ok = g_view[j].stuck;
      } else if (v.and_deps) {
        ok = false;
        for (int k = 0; k < v.ndeps && !ok; ++k) ok = g_view[v.deps[k]].stuck;
      } else {
        ok = v.ndeps > 0;
        for (int k = 0; k < v.ndeps && ok; ++k) ok = g_view[v.deps[k]].stuck;
      }
      if (!ok) {
        v.stuck = false;
        --nstuck;
        changed = true;
      }
    }
  }
  return nstuck;
}

// The node of a lock named in a report (made when the lock has none: taken with nothing else held).
void NodeOf(const Held &h, uint32_t *slot, uint32_t *uid) {
  *slot = h.uid != 0 ? h.slot : FindSlot(h.addr);
  if (*slot == 0) *slot = NewNodeAt(h.addr, h.type, KindFlags(h.kind), h.pcs, h.npcs);
  *uid = *slot != 0 ? g_nodes[*slot].uid : 0;
}

void Fill(Finding &f, int nstuck) {
  memset(&f, 0, sizeof(f));
  f.kind = kActualDeadlock;
  f.nblocked_total = nstuck;
  // Lock waits first (the inversion's threads), then the others.
  for (int pass = 0; pass < 2; ++pass)
    for (int i = 0; i < g_nview && f.nblocked < 16; ++i) {
      const View &v = g_view[i];
      if (!v.stuck || (v.wait == kViewLock) != (pass == 0)) continue;
      BlockedThread &b = f.blocked[f.nblocked++];
      b.thread_uid = v.uid;
      b.tid = v.tid;
      if (v.wait == kViewLock) {
        b.kind = kWaitNone;
        NodeOf(v.rec_copy, &b.wait_slot, &b.wait_uid);
        b.wait_npcs = v.rec_copy.npcs < kHeldPcs ? v.rec_copy.npcs : kHeldPcs;
        memcpy(b.wait_pcs, v.rec_copy.pcs, sizeof(uintptr_t) * b.wait_npcs);
      } else {
        b.kind = v.wait == kViewJoin ? kWaitJoin : v.wait == kViewCond ? kWaitCond
               : v.wait == kViewSem ? kWaitSem : kWaitBarrier;
        b.obj = v.addr;
        b.mutex = v.mutex;
        b.wait_npcs = v.other.npcs;
        memcpy(b.wait_pcs, v.other.pcs, sizeof(uintptr_t) * b.wait_npcs);
      }
      b.any = v.any || v.barrier;
      for (int k = 0; k < v.ndeps && b.nwaits_for < 4; ++k) {
        const View &d = g_view[v.deps[k]];
        if (!d.stuck) continue;
        b.waits_for_uid[b.nwaits_for] = d.uid;
        b.waits_for_tid[b.nwaits_for++] = d.tid;
      }
      const Held *held;
      uint32_t nh = HeldArray(v.ts, &held);
      for (uint32_t k = 0; k < nh && b.nheld < 8; ++k) {
        Held h = held[k];
        if (!HoldsRecord(v.ts, h, h.addr)) continue;
        NodeOf(h, &h.slot, &h.uid);
        if (h.slot == 0) continue;
        b.held[b.nheld++] = h;
      }
    }
}

void Watchdog() {
  uint64_t last_sig = 0;
  for (;;) {
    struct timespec ts = {g_opt.watchdog_ms / 1000, (g_opt.watchdog_ms % 1000) * 1000000L};
    nanosleep(&ts, nullptr);
    if (OnlyWatchdogLeft()) exit(0);  // what the last thread's end would do
    Snapshot();
    bool need_threads = false, need_handlers = false;
    WaitsFor(&need_threads, &need_handlers);
    bool unknown = need_threads && ProcessThreads() != g_nview + 1;  // + the watchdog
    bool handlers = need_handlers && AsyncSignalHandlers();
    int nstuck = Stuck(unknown, handlers);
    uint64_t sig = 0;
    for (int i = 0; i < g_nview; ++i)
      if (g_view[i].stuck)
        sig += Mix(static_cast<uint64_t>(g_view[i].tid) << 32 ^ g_view[i].seq ^ (uint64_t{g_view[i].wait} << 60));
    if (nstuck != 0) sig |= 1;
    if (nstuck == 0 || sig != last_sig) {
      last_sig = sig;  // confirm on the next look: the same threads, the same waits
      continue;
    }
    static Finding f;
    Fill(f, nstuck);
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
    // Reported, and the process goes on waiting: stay quiet about this set.
    for (;;) {
      nanosleep(&ts, nullptr);
      if (OnlyWatchdogLeft()) exit(0);
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
  HookWork work(t_state);  // pthread_create allocates: neither cancelled nor re-entered here
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
