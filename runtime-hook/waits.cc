// Waits other than for a lock: pthread_join, condition waits, barriers (semaphores are in
// semaphores.cc), published for the watchdog so that a hang through them ends with a diagnosis;
// the table of conditions, semaphores and barriers (waits.h); and wait-holding, reported only
// when the waiter can starve its signaller.
//
// A thread publishes its wait (WaitRecord, then wait_kind) before the real call and clears it
// after; a timed wait is never published (it ends by itself). Who signals a condition or posts a
// semaphore is recorded at each signal or post: the watchdog takes a waiter to wait for those
// threads (or, when none was seen, for any thread).
//
// wait-holding: a condition wait made while holding a lock H other than the condition's mutex is
// only a bug when a thread that signals the condition needs H: reported when a thread was seen
// signalling it while holding H (it takes H on its way to the signal), or holding or waiting
// for H while the waiter waits (in every real program where the signaller never needed H, the
// report was noise: a compressor, an event loop's test, a cache server's stop path). A signaller
// that blocks on H right after it signalled the condition (no condition wait of its own since)
// does not count: it gave its signal before it needed H, as memcached's workers do when they
// check in with a pausing thread that holds worker_hang_lock and then pile up on that lock. (Had
// the waiter needed a second signal from it, the program hangs and the watchdog reports that.)
// The waiter's own signals, made holding H before it waits (lock-step tests), show no need.
//
// Must not: run on the mutex lock path, allocate with malloc, report with g_mu held.
#include "waits.h"

#include <pthread.h>

#include <cstring>

#include "interceptors.h"
#include "lock_path.h"
#include "lock_table.h"

namespace lg {

namespace {

constexpr uint32_t kSyncBits = 16;
constexpr uint64_t kSyncMask = (uint64_t{1} << kSyncBits) - 1;
constexpr uintptr_t kSyncDeleted = 1;
SyncObj *g_sync;
std::atomic<uint32_t> g_sync_uid{0};
std::atomic<bool> g_sync_full_said{false};

inline uint64_t SyncHome(uintptr_t addr) { return Mix(addr) & kSyncMask; }

void FillSync(SyncObj *o, uint8_t type, const uintptr_t *site, int nsite) {
  o->type = type;
  o->sem_state.store(kSemUnknown, std::memory_order_relaxed);
  o->seen_many.store(0, std::memory_order_relaxed);
  o->count = 0;
  o->uid = g_sync_uid.fetch_add(1, std::memory_order_relaxed) + 1;
  for (auto &s : o->seen) s.store(0, std::memory_order_relaxed);
  for (auto &h : o->held_across) h.store(0, std::memory_order_relaxed);
  for (auto &h : o->signal_held) h.store(0, std::memory_order_relaxed);
  for (auto &h : o->signal_held_by) h.store(0, std::memory_order_relaxed);
  int n = nsite < kSitePcs ? nsite : kSitePcs;
  for (int i = 0; i < n; ++i) o->site[i] = site[i];
  o->site_len = static_cast<uint8_t>(n);
}

}  // namespace

bool WaitsInit() {
  g_sync = static_cast<SyncObj *>(MapZeroed((kSyncMask + 1) * sizeof(SyncObj)));
  return g_sync != nullptr;
}

// An entry being filled holds addr|1 (objects are aligned): a finder waits for it.
SyncObj *SyncFind(uintptr_t addr) {
  if (g_sync == nullptr || addr <= kSyncDeleted || (addr & 7) != 0) return nullptr;
  for (uint64_t i = SyncHome(addr), n = 0; n <= kSyncMask; i = (i + 1) & kSyncMask, ++n) {
    uintptr_t cur = g_sync[i].addr.load(std::memory_order_acquire);
    while (cur == (addr | 1)) cur = g_sync[i].addr.load(std::memory_order_acquire);
    if (cur == addr) return &g_sync[i];
    if (cur == 0) return nullptr;
  }
  return nullptr;
}

SyncObj *SyncGet(uintptr_t addr, uint8_t type, const uintptr_t *site, int nsite, bool *fresh) {
  if (fresh) *fresh = false;
  if (g_sync == nullptr || addr <= kSyncDeleted || (addr & 7) != 0) return nullptr;
  if (SyncObj *o = SyncFind(addr)) return o;
  for (uint64_t i = SyncHome(addr), n = 0; n <= kSyncMask; i = (i + 1) & kSyncMask, ++n) {
    uintptr_t cur = g_sync[i].addr.load(std::memory_order_acquire);
    while (cur == (addr | 1)) cur = g_sync[i].addr.load(std::memory_order_acquire);
    if (cur == addr) return &g_sync[i];
    if (cur != 0 && cur != kSyncDeleted) continue;
    if (!g_sync[i].addr.compare_exchange_strong(cur, addr | 1, std::memory_order_acq_rel)) {
      while (cur == (addr | 1)) cur = g_sync[i].addr.load(std::memory_order_acquire);
      if (cur == addr) return &g_sync[i];
      continue;
    }
    FillSync(&g_sync[i], type, site, nsite);
    g_sync[i].addr.store(addr, std::memory_order_release);
    if (fresh) *fresh = true;
    return &g_sync[i];
  }
  if (!g_sync_full_said.exchange(true)) {
    HookWork work(t_state);
    ReportMessage("lockgraph: too many conditions, semaphores and barriers alive: new ones are not "
                  "watched for hangs");
  }
  return nullptr;
}

SyncObj *SyncReset(uintptr_t addr, uint8_t type, const uintptr_t *site, int nsite) {
  bool fresh = false;
  SyncObj *o = SyncGet(addr, type, site, nsite, &fresh);
  if (o != nullptr && !fresh) FillSync(o, type, site, nsite);
  return o;
}

void SyncForget(uintptr_t addr) {
  SyncObj *o = SyncFind(addr);
  if (o == nullptr) return;
  o->sem_state.store(kSemUnknown, std::memory_order_relaxed);
  o->addr.store(kSyncDeleted, std::memory_order_release);
}

void SyncAddSeen(SyncObj *o, uint32_t uid) {
  if (uid == 0) return;
  for (auto &s : o->seen) {
    uint32_t cur = s.load(std::memory_order_relaxed);
    if (cur == uid) return;
    if (cur == 0) {
      if (s.compare_exchange_strong(cur, uid, std::memory_order_relaxed) || cur == uid) return;
    }
  }
  if (!o->seen_many.load(std::memory_order_relaxed)) o->seen_many.store(1, std::memory_order_relaxed);
}

int WaitPcs(ThreadState *ts, uintptr_t pc, uintptr_t *out, int max) {
  uintptr_t tmp[kHeldPcs + 4];
  int n = CallerPcs(ts, tmp, kHeldPcs + 4);
  int from = 0;
  while (from < n && tmp[from] != pc) ++from;  // the hook's own frames come first
  if (from == n) from = 0;
  int k = 0;
  for (int i = from; i < n && k < max; ++i) out[k++] = tmp[i];
  return k;
}

namespace {

// Will the wait on `obj` block? A semaphore whose value is 0, a barrier for more than one thread,
// a condition (until signalled), a join.
bool WaitBlocks(uint8_t kind, uintptr_t obj) {
  if (kind == kWaitSem)  // glibc's new_sem: the value is the low 32 bits of `data`
    return (__atomic_load_n(reinterpret_cast<const uint64_t *>(obj), __ATOMIC_RELAXED) & 0xffffffffu) == 0;
  if (kind == kWaitBarrier) {
    const SyncObj *o = SyncFind(obj);
    return o == nullptr || o->count > 1;
  }
  return true;
}

}  // namespace

void PublishWait(ThreadState *ts, uint8_t kind, uintptr_t obj, uintptr_t mutex, uint32_t target,
                 const uintptr_t *pcs, int npcs) {
  WaitRecord &w = ts->wait_other;
  w.obj = obj;
  w.mutex = mutex;
  w.target = target;
  int n = npcs < kHeldPcs ? npcs : kHeldPcs;
  for (int i = 0; i < n; ++i) w.pcs[i] = pcs[i];
  w.npcs = static_cast<uint8_t>(n);
  ts->wait_seq.store(ts->wait_seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  ts->wait_kind.store(kind, std::memory_order_release);
  // A process with one thread gets its watchdog only at a wait that blocks for sure (a second
  // thread, even asleep, makes the C library's own locks use locked instructions).
  if (!g_watchdog_started.load(std::memory_order_relaxed) && WaitBlocks(kind, obj)) StartWatchdog();
}

int LiveHeldUids(ThreadState *ts, uint32_t *uids, int max, uintptr_t except_addr) {
  ResolveFirst(ts);
  int n = 0;
  for (uint32_t i = 0; i < ts->nheld && n < max; ++i) {
    const Held &h = ts->held[i];
    if (h.uid == 0 || h.addr == except_addr || g_nodes[h.slot].uid != h.uid || Stale(h)) continue;
    uids[n++] = h.uid;
  }
  return n;
}

void BeforeJoin(ThreadState *ts, pthread_t th, uintptr_t pc) {
  HookWork work(ts);
  uintptr_t pcs[kHeldPcs];
  int n = WaitPcs(ts, pc, pcs, kHeldPcs);
  PublishWait(ts, kWaitJoin, static_cast<uintptr_t>(th), 0, 0, pcs, n);
}

// --- wait-holding -----------------------------------------------------------------------------
namespace {

// The first wait made on a condition holding a given lock, kept until a signaller shows it needs
// the lock (or forever); and the first signal made holding a lock later held across a wait.
struct HeldWait {
  uintptr_t cond;
  uint32_t lock_uid;
  uint32_t thread_uid;
  int tid;
  uintptr_t mutex;
  int stack_len;
  uintptr_t stack[kMaxStack];
  int nheld;
  Held held[8];
};
struct HeldSignal {
  uintptr_t cond;
  uint32_t lock_uid;
  uint32_t thread_uid;
  int tid;
  int stack_len;
  uintptr_t stack[kMaxStack];
};
constexpr int kMaxHeldWaits = 64;
HeldWait g_held_waits[kMaxHeldWaits];
int g_nheld_waits = 0;
HeldSignal g_held_signals[kMaxHeldWaits];
int g_nheld_signals = 0;
InternalMutex g_wh_mu;  // the two tables above, and the report built from them

bool AddUid(std::atomic<uint32_t> *set, int n, uint32_t uid) {  // true when new
  for (int i = 0; i < n; ++i) {
    uint32_t cur = set[i].load(std::memory_order_relaxed);
    if (cur == uid) return false;
    if (cur == 0) {
      if (set[i].compare_exchange_strong(cur, uid, std::memory_order_relaxed)) return true;
      if (cur == uid) return false;
    }
  }
  return false;
}

bool HasUid(const std::atomic<uint32_t> *set, int n, uint32_t uid) {
  for (int i = 0; i < n; ++i)
    if (set[i].load(std::memory_order_relaxed) == uid) return true;
  return false;
}

// Was a thread other than `self` seen signalling `o` holding the lock `uid`?
bool SignalledHoldingByOther(const SyncObj *o, uint32_t uid, uint32_t self) {
  for (int i = 0; i < 4; ++i)
    if (o->signal_held[i].load(std::memory_order_relaxed) == uid) {
      uint32_t by = o->signal_held_by[i].load(std::memory_order_relaxed);
      return by != 0 && by != self;
    }
  return false;
}

// Notes that thread `self` signalled `o` holding the lock `uid`; true when that is new (the lock,
// or a second thread signalling holding it).
bool AddSignalHeld(SyncObj *o, uint32_t uid, uint32_t self) {
  if (AddUid(o->signal_held, 4, uid)) {
    for (int i = 0; i < 4; ++i)
      if (o->signal_held[i].load(std::memory_order_relaxed) == uid) {
        uint32_t zero = 0;
        o->signal_held_by[i].compare_exchange_strong(zero, self, std::memory_order_relaxed);
        break;
      }
    return true;
  }
  for (int i = 0; i < 4; ++i)
    if (o->signal_held[i].load(std::memory_order_relaxed) == uid) {
      uint32_t by = o->signal_held_by[i].load(std::memory_order_relaxed);
      if (by == self || by == ~0u) return false;
      if (by == 0) return o->signal_held_by[i].compare_exchange_strong(by, self, std::memory_order_relaxed);
      o->signal_held_by[i].store(~0u, std::memory_order_relaxed);
      return true;
    }
  return false;
}

int StackDepth() { return g_opt.stack_depth < kMaxStack ? g_opt.stack_depth : kMaxStack; }

// Reports wait-holding for `w` (g_wh_mu held); `sig` is the signal that shows the need, if known.
void ReportHeldWait(const HeldWait &w, const HeldSignal *sig) {
  uint64_t key = Mix(Mix(w.cond) ^ (static_cast<uint64_t>(w.lock_uid) << 20) ^ w.stack[0]);
  if (!SeenOnce(Mix(key ^ (static_cast<uint64_t>(kWaitHolding) << 56)))) return;
  static Finding f;
  memset(&f, 0, sizeof(f));
  f.kind = kWaitHolding;
  uint32_t lock_slot = 0, mutex_slot = FindSlot(w.mutex);
  for (int i = 0; i < w.nheld; ++i)
    if (w.held[i].uid == w.lock_uid) lock_slot = w.held[i].slot;
  if (lock_slot == 0 || g_nodes[lock_slot].uid != w.lock_uid) {
    // The lock died since: name it from a record if one was kept.
    const LockRecord *r = FindLockRecord(w.lock_uid);
    if (r == nullptr) return;
  }
  f.lock_slots[f.nlocks] = lock_slot;
  f.lock_uids[f.nlocks++] = w.lock_uid;
  if (mutex_slot != 0) {
    f.lock_slots[f.nlocks] = mutex_slot;
    f.lock_uids[f.nlocks++] = g_nodes[mutex_slot].uid;
  }
  f.tid = w.tid;
  f.thread_uid = w.thread_uid;
  f.stack_len = w.stack_len;
  memcpy(f.stack, w.stack, sizeof(uintptr_t) * static_cast<size_t>(w.stack_len));
  f.nheld = w.nheld;
  memcpy(static_cast<void *>(f.held), w.held, sizeof(Held) * static_cast<size_t>(w.nheld));
  if (sig != nullptr) {
    f.sig_tid = sig->tid;
    f.sig_thread_uid = sig->thread_uid;
    f.sig_stack_len = sig->stack_len;
    memcpy(f.sig_stack, sig->stack, sizeof(uintptr_t) * static_cast<size_t>(sig->stack_len));
  }
  ReportFinding(f);
}

// A known signaller of `o` (condition `c`, other than `self`) that holds the lock `h`, or waits
// for it now and has not just signalled `c`.
ThreadState *SignallerNeeding(SyncObj *o, uintptr_t c, const Held &h, ThreadState *self) {
  for (const auto &s : o->seen) {
    uint32_t uid = s.load(std::memory_order_relaxed);
    if (uid == 0) break;
    for (uint32_t i = 0; i < g_registry_used; ++i) {
      ThreadState *r = g_registry[i];
      if (r == nullptr || r == self || r->uid != uid) continue;
      const Held *held;
      uint32_t nh = HeldArray(r, &held);
      bool pending_wait = false;  // waits in the real lock of a pending record for h's lock
      for (uint32_t j = 0; j < nh; ++j)
        if (held[j].addr == h.addr) {
          Held rec = held[j];  // h's lock is held by the caller: mapped
          if (!PendingNotTaken(r, rec, MutexOwner(h.addr))) return r;
          pending_wait = true;
        }
      if (r->last_signal.load(std::memory_order_relaxed) == c) continue;
      uint32_t ws = r->wait_slot.load(std::memory_order_acquire);
      if (ws != 0 && ws - 1 == h.slot) return r;
      Held nested;
      if (NestedWaitCopy(r, &nested) && nested.addr == h.addr) return r;
      if (pending_wait || (WaitsFirst(r) && r->held[0].addr == h.addr)) return r;
    }
  }
  return nullptr;
}

}  // namespace

namespace {

struct HoldingArgs {
  ThreadState *ts;
  SyncObj *o;
  uintptr_t c, m;
};

// The wait-holding check of a wait on `c` (mutex `m`) made holding other locks; on the hook's
// stack (it may report).
void WaitHoldingOnStack(void *p) {
  const HoldingArgs &a = *static_cast<HoldingArgs *>(p);
  ThreadState *ts = a.ts;
  SyncObj *o = a.o;
  uintptr_t c = a.c, m = a.m;
  uint32_t uids[8];
  int n = LiveHeldUids(ts, uids, 8, m);
  for (int k = 0; k < n; ++k) {
    AddUid(o->held_across, 4, uids[k]);
    InternalLockGuard guard(g_wh_mu);
    HeldWait *w = nullptr;
    for (int i = 0; i < g_nheld_waits && w == nullptr; ++i)
      if (g_held_waits[i].cond == c && g_held_waits[i].lock_uid == uids[k]) w = &g_held_waits[i];
    static HeldWait now;  // under g_wh_mu
    if (w == nullptr) w = g_nheld_waits < kMaxHeldWaits ? &g_held_waits[g_nheld_waits++] : &now;
    w->cond = c;
    w->lock_uid = uids[k];
    w->thread_uid = ts->uid;
    w->tid = ts->tid;
    w->mutex = m;
    w->stack_len = StackHere(ts, w->stack, StackDepth());
    w->nheld = 0;
    for (uint32_t i = 0; i < ts->nheld && w->nheld < 8; ++i) w->held[w->nheld++] = ts->held[i];
    // Does another thread that signals the condition need the lock? Seen signalling with it
    // held, or holding or waiting for it right now. (The waiter's own signals, made holding the
    // lock before its wait, need nothing: libuv's lock-step tests signal, then wait.)
    const HeldSignal *sig = nullptr;
    for (int i = 0; i < g_nheld_signals && sig == nullptr; ++i)
      if (g_held_signals[i].cond == c && g_held_signals[i].lock_uid == uids[k] &&
          g_held_signals[i].thread_uid != ts->uid)
        sig = &g_held_signals[i];
    bool needed = sig != nullptr || SignalledHoldingByOther(o, uids[k], ts->uid);
    static HeldSignal live;
    if (!needed) {
      const Held *h = nullptr;
      for (uint32_t i = 0; i < ts->nheld && h == nullptr; ++i)
        if (ts->held[i].uid == uids[k]) h = &ts->held[i];
      if (ThreadState *r = h ? SignallerNeeding(o, c, *h, ts) : nullptr) {
        needed = true;
        live.cond = c;
        live.lock_uid = uids[k];
        live.thread_uid = r->uid;
        live.tid = r->tid;
        live.stack_len = 0;  // another thread's stack cannot be taken
        sig = &live;
      }
    }
    if (needed) ReportHeldWait(*w, sig);
  }
}

// The wait-holding check of a signal of `c` made holding locks: the locks new to its signals or
// held across waits on it (`uids`); on the hook's stack (it may report).
struct SignalArgs {
  ThreadState *ts;
  uintptr_t c;
  const uint32_t *uids;
  const bool *across;
  int n;
};

void SignalHoldingOnStack(void *p) {
  const SignalArgs &a = *static_cast<SignalArgs *>(p);
  ThreadState *ts = a.ts;
  uintptr_t c = a.c;
  const uint32_t *uids = a.uids;
  for (int k = 0; k < a.n; ++k) {
    bool across = a.across[k];
    InternalLockGuard guard(g_wh_mu);
    HeldSignal *s = nullptr;
    for (int i = 0; i < g_nheld_signals && s == nullptr; ++i)
      if (g_held_signals[i].cond == c && g_held_signals[i].lock_uid == uids[k] &&
          g_held_signals[i].thread_uid == ts->uid)
        s = &g_held_signals[i];
    if (s == nullptr && g_nheld_signals < kMaxHeldWaits) {
      s = &g_held_signals[g_nheld_signals++];
      s->cond = c;
      s->lock_uid = uids[k];
      s->thread_uid = ts->uid;
      s->tid = ts->tid;
      s->stack_len = StackHere(ts, s->stack, StackDepth());
    }
    if (!across) continue;
    for (int i = 0; i < g_nheld_waits; ++i)
      if (g_held_waits[i].cond == c && g_held_waits[i].lock_uid == uids[k] && g_held_waits[i].thread_uid != ts->uid) {
        static HeldSignal now;
        if (s == nullptr) {
          now = HeldSignal{c, uids[k], ts->uid, ts->tid, 0, {}};
          now.stack_len = StackHere(ts, now.stack, StackDepth());
          s = &now;
        }
        ReportHeldWait(g_held_waits[i], s);
      }
  }
}

}  // namespace

void BeforeCondWaitObj(ThreadState *ts, const void *cond, const void *mutex, bool timed, uintptr_t pc) {
  uintptr_t c = reinterpret_cast<uintptr_t>(cond), m = reinterpret_cast<uintptr_t>(mutex);
  uintptr_t pcs[kHeldPcs];
  int npcs = WaitPcs(ts, pc, pcs, kHeldPcs);
  SyncObj *o = SyncGet(c, kSyncCond, pcs, npcs);
  ts->last_signal.store(0, std::memory_order_relaxed);
  // CPython's GIL is a condition its threads wait on holding their Python locks, by design: a
  // thread drops the GIL (signals) before it blocks on a lock, so none needs a lock to signal.
  if (o != nullptr && g_opt.detect_wait_holding && ts->nheld > 1 && !InPythonRuntime(c)) {
    HoldingArgs args = {ts, o, c, m};
    RunOnHookStack(WaitHoldingOnStack, &args);
  }
  if (!timed) PublishWait(ts, kWaitCond, c, m, 0, pcs, npcs);
}

void OnCondSignal(const void *cond, uintptr_t pc) {
  ThreadState *ts = Enter();
  if (ts == nullptr) return;
  uintptr_t c = reinterpret_cast<uintptr_t>(cond);
  SyncObj *o = SyncFind(c);
  if (o == nullptr) {
    HookWork work(ts);
    uintptr_t site[kSitePcs];
    int n = WaitPcs(ts, pc, site, kSitePcs);
    o = SyncGet(c, kSyncCond, site, n);
    if (o == nullptr) return;
  }
  SyncAddSeen(o, ts->uid);
  ts->last_signal.store(c, std::memory_order_relaxed);
  if (ts->nheld == 0 || !g_opt.detect_wait_holding || InPythonRuntime(c)) return;
  HookWork work(ts);
  uint32_t uids[8];
  bool across[8];
  int n = LiveHeldUids(ts, uids, 8, 0), k = 0;
  for (int i = 0; i < n; ++i) {  // the locks with something new to say
    bool held_across = HasUid(o->held_across, 4, uids[i]);
    if (!AddSignalHeld(o, uids[i], ts->uid) && !held_across) continue;
    uids[k] = uids[i];
    across[k++] = held_across;
  }
  if (k == 0) return;
  SignalArgs args = {ts, c, uids, across, k};
  RunOnHookStack(SignalHoldingOnStack, &args);
}

void OnCondInitOrDestroy(const void *cond) {
  if (g_state.load(std::memory_order_acquire) != kReady) return;
  SyncForget(reinterpret_cast<uintptr_t>(cond));
}

// --- barriers -----------------------------------------------------------------------------------
void OnBarrierInit(const void *barrier, unsigned count) {
  ThreadState *ts = Enter();
  if (ts == nullptr) return;
  HookWork work(ts);
  uintptr_t site[kSitePcs];
  int n = CallerPcs(ts, site, kSitePcs);
  SyncObj *o = SyncReset(reinterpret_cast<uintptr_t>(barrier), kSyncBarrier, site + 1, n > 1 ? n - 1 : 0);
  if (o != nullptr) o->count = count;
}

void OnBarrierDestroy(const void *barrier) {
  if (g_state.load(std::memory_order_acquire) != kReady) return;
  SyncForget(reinterpret_cast<uintptr_t>(barrier));
}

void BeforeBarrierWait(ThreadState *ts, const void *barrier, uintptr_t pc) {
  HookWork work(ts);
  uintptr_t pcs[kHeldPcs];
  int n = WaitPcs(ts, pc, pcs, kHeldPcs);
  SyncGet(reinterpret_cast<uintptr_t>(barrier), kSyncBarrier, pcs, n);
  PublishWait(ts, kWaitBarrier, reinterpret_cast<uintptr_t>(barrier), 0, 0, pcs, n);
}

// --- the watchdog's questions ------------------------------------------------------------------
bool ObjectSignallers(uintptr_t obj, uint32_t *uids, int max, int *n) {
  *n = 0;
  SyncObj *o = SyncFind(obj);
  if (o == nullptr || o->seen_many.load(std::memory_order_relaxed)) return false;
  for (const auto &s : o->seen) {
    uint32_t uid = s.load(std::memory_order_relaxed);
    if (uid == 0 || *n == max) break;
    uids[(*n)++] = uid;
  }
  return *n > 0;
}

void WaitsAtForkChild() {
  g_wh_mu.Reset();  // another thread's wait-holding check is not the child's
}

bool ObjectShared(uintptr_t obj, int kind) {
  switch (kind) {
    case kWaitCond:  // glibc: bit 0 of __wrefs marks a process-shared condition
      return (reinterpret_cast<const pthread_cond_t *>(obj)->__data.__wrefs & 1) != 0;
    // glibc keeps the futex flag of a shared one (FUTEX_SHARED, 128; 0 when private) in
    // struct new_sem { uint64_t data; int private; int pad; } and in struct pthread_barrier
    // { in, current_round, count, shared, out }.
    case kWaitSem:
      return *reinterpret_cast<const int *>(obj + 8) != 0;
    case kWaitBarrier:
      return *reinterpret_cast<const int *>(obj + 12) != 0;
    default:
      return false;
  }
}

}  // namespace lg
