// The lock path: what every lock and unlock of the host runs, as inline helpers for the
// wrappers in interceptors.cc (the wrappers' fast paths must stay inline: a lock taken with
// nothing else held, an unlock of the newest held lock), and the slow functions they call, in
// lock_path.cc.
//
// Owns the calling thread's held set (records of the locks it holds, in acquisition order), its
// chain cache and its slot memo, and the shared set of validated chains. Writes only the calling
// thread's own state in the steady state: no global lock, no locked instruction, no shared cache
// line written. Must not: allocate with malloc, use stdio, take g_mu outside the slow functions,
// or report (the slow functions hand findings to cycles.cc and misuse.cc).
//
// A lock taken with nothing else held is recorded by address (FirstAcquire; its node is looked
// up only if a second lock is taken on top of it); the unlock of the newest held lock compares
// an address. With other locks held: a lookup of the lock's node in an open-addressed table,
// then a look in the thread's cache, then the shared set, of already-validated "lock chains"
// (the held locks plus the new one, hashed as in the Linux kernel's lockdep), then the real
// call. Only a chain never seen before takes the global mutex g_mu (NewChain, cycles.cc). The
// same lock taken again at the same depth on the same held locks reuses the record left there
// (PredictedAcquire), inline in the wrapper too.
#ifndef LOCKGRAPH_RUNTIME_HOOK_LOCK_PATH_H_
#define LOCKGRAPH_RUNTIME_HOOK_LOCK_PATH_H_

#include <pthread.h>

#include <atomic>
#include <cstdint>

#include "hook_state.h"
#include "lock_table.h"

#pragma GCC visibility push(hidden)

namespace lg {

// The shared set of validated chains (lock_path.cc).
bool ChainsInit(uint32_t bits);
extern std::atomic<uint32_t> g_nchains;

// --- stacks ----------------------------------------------------------------------------------
// Walks the frame-pointer chain from `fp` (the caller's frame; `lo`: an address below it on this
// thread's stack), bounded by the thread's stack; frames compiled without frame pointers end the
// walk early or are dropped when symbolized. pcs[0] is `ra`, the caller's return address.
__attribute__((always_inline)) inline int CallerPcsFrom(ThreadState *ts, uintptr_t *pcs, int max,
                                                        uintptr_t ra, uintptr_t *fp, uintptr_t lo) {
  pcs[0] = ra;
  int n = 1;
  uintptr_t hi = ts->stack_hi;
  while (n < max) {
    uintptr_t f = reinterpret_cast<uintptr_t>(fp);
    if (f <= lo || f + 16 > hi || (f & 7) != 0) break;
    uintptr_t ret = fp[1];
    if (ret < 4096) break;
    pcs[n++] = ret;
    lo = f;
    fp = reinterpret_cast<uintptr_t *>(fp[0]);
  }
  return n;
}

// From the wrapper's frame.
__attribute__((always_inline)) inline int CallerPcs(ThreadState *ts, uintptr_t *pcs, int max) {
  uintptr_t *fp = static_cast<uintptr_t *>(__builtin_frame_address(0));
  return CallerPcsFrom(ts, pcs, max, reinterpret_cast<uintptr_t>(__builtin_return_address(0)),
                       reinterpret_cast<uintptr_t *>(fp[0]), reinterpret_cast<uintptr_t>(fp));
}

// The full stack for a new edge or a report (slow path), without the hook's own frames.
int FullStack(uintptr_t *out, int max);
// Finds the hook's own mapped range (for FullStack); at start-up.
void FindSelfRange();

// --- the thread's state ------------------------------------------------------------------------
__attribute__((always_inline)) inline ThreadState *Self() {
  ThreadState *ts = t_state;
  if (__builtin_expect(ts != nullptr, 1)) return ts;
  return SelfSlow();
}

// While the hook changes this thread's records, every wrapper only forwards: a signal handler
// that locks (undefined by POSIX, yet common) neither re-enters the hook nor sees a half-written
// record.
struct Guard {
  explicit Guard(ThreadState *ts) : ts_(ts) {
    ++ts_->in_hook;
    std::atomic_signal_fence(std::memory_order_seq_cst);
  }
  ~Guard() {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    --ts_->in_hook;
  }
  ThreadState *ts_;
};

// The hook's own work for this thread (anything that takes an internal lock, writes a report or
// may reach a cancellation point): a Guard, and the thread cannot be cancelled inside it. A
// deferred cancellation waits for the program's next cancellation point (it must never act inside
// pthread_mutex_lock); an asynchronous one for the end of the wrapper (it must never leave the
// hook's locks held). `ts` may be null (a thread without a state).
class HookWork {
 public:
  // The type goes deferred too: glibc 2.34-2.36 acts on an asynchronous cancellation whose signal
  // arrives after the state was disabled.
  explicit HookWork(ThreadState *ts) : ts_(ts) {
    pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &old_type_);
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old_state_);
    if (ts_) ++ts_->in_hook;
    std::atomic_signal_fence(std::memory_order_seq_cst);
  }
  ~HookWork() {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    if (ts_) --ts_->in_hook;
    pthread_setcancelstate(old_state_, nullptr);
    pthread_setcanceltype(old_type_, nullptr);  // last: an asynchronous cancellation may act here
  }
  HookWork(const HookWork &) = delete;
  HookWork &operator=(const HookWork &) = delete;

 private:
  ThreadState *ts_;
  int old_state_, old_type_;
};

// The thread's first record is pending (kHeldPending): has its real lock returned? Not when the
// thread runs a signal handler that interrupted it (the handler's locks then only forward, as
// everything inside the hook does); else the record is a held lock's from now on. A lost record
// is settled too (the lock was unlocked or destroyed by another thread: the slow paths know).
__attribute__((always_inline)) inline bool SettleFirst(ThreadState *ts) {
  Held &h = ts->held[0];
  if (ts->lost_epoch.load(std::memory_order_relaxed) == h.release_seq && MutexOwner(h.addr) != ts->tid)
    return false;
  h.tried &= ~kHeldPending;
  return true;
}

inline bool Stale(const Held &h);

// The same for a pending record on top of others (the predicted nested path of a default mutex):
// its lock is taken when the mutex's owner is this thread. A record whose lock died or was
// released by another thread meanwhile (its node's life or release count moved: then the memory
// may be gone, and is not read) is no wait either: it is settled as any stale record.
inline bool SettleNested(ThreadState *ts, Held &h) {
  if (g_nodes[h.slot].uid == h.uid && !Stale(h) && MutexOwner(h.addr) != ts->tid) return false;
  h.tried &= ~kHeldPending;
  return true;
}

// The calling thread's state when the hook should look at this call; nullptr: just forward.
__attribute__((always_inline)) inline ThreadState *Enter() {
  if (__builtin_expect(g_state.load(std::memory_order_acquire) != kReady, 0) && !EnsureInit())
    return nullptr;
  ThreadState *ts = Self();
  if (ts == nullptr || ts->in_hook) return nullptr;
  uint32_t n = ts->nheld;
  if (__builtin_expect(n != 0 && (ts->held[n - 1].tried & kHeldPending), 0) &&
      !(n == 1 && ts->held[0].uid == 0 ? SettleFirst(ts) : SettleNested(ts, ts->held[n - 1])))
    return nullptr;
  return ts;
}

// --- held records ------------------------------------------------------------------------------
bool GrowHeld(ThreadState *ts);

// Where the record of the acquisition in progress is built: in place, just above the held
// locks, so that a successful acquisition only has to count it (no copy). When the array cannot
// grow, a scratch record that is never pushed.
__attribute__((always_inline)) inline Held *NextHeld(ThreadState *ts) {
  if (__builtin_expect(ts->nheld == ts->cap, 0) && !GrowHeld(ts)) return &ts->scratch_held;
  return &ts->held[ts->nheld];
}

__attribute__((always_inline)) inline void PushHeld(ThreadState *ts, Held *h) {
  if (h == &ts->held[ts->nheld]) ++ts->nheld;
}

inline uint64_t ChainStep(uint64_t prev, uint32_t uid, uint8_t mode) {
  return Mix(prev ^ (static_cast<uint64_t>(uid) << 1 | mode) * 0x9E3779B97F4A7C15ULL);
}

constexpr uint64_t kReentryBit = uint64_t{1} << 63;  // a cached chain that re-enters its lock

inline int FindHeld(ThreadState *ts, uint32_t slot, uint32_t uid) {
  for (int i = static_cast<int>(ts->nheld) - 1; i >= 0; --i)
    if (ts->held[i].slot == slot && ts->held[i].uid == uid) return i;
  return -1;
}

// A held record is stale when another thread unlocked the lock meanwhile (an unlock-unheld):
// this thread no longer holds it, whatever its record says. For a lock held for reading by
// several threads, every reader's record goes stale: fewer edges rather than false ones.
inline bool Stale(const Held &h) {
  return g_nodes[h.slot].release_seq.load(std::memory_order_relaxed) != h.release_seq;
}

// Another thread's held records, read without its cooperation: the capacity first, then the
// array (GrowHeld publishes them in the other order), so the count is bounded by this array's.
inline uint32_t HeldArray(const ThreadState *r, const Held **held) {
  uint32_t cap = __atomic_load_n(&r->cap, __ATOMIC_ACQUIRE);
  *held = __atomic_load_n(&r->held, __ATOMIC_ACQUIRE);
  uint32_t nh = __atomic_load_n(&r->nheld, __ATOMIC_RELAXED);
  return nh < cap ? nh : cap;
}

// The lock record another thread waits for in the wrappers' predicted nested path (WaitsNested):
// held[nheld], copied and checked again after the copy. False when it waits there for nothing.
inline bool NestedWaitCopy(const ThreadState *r, Held *out) {
  if (!WaitsNested(r)) return false;
  uint32_t cap = __atomic_load_n(&r->cap, __ATOMIC_ACQUIRE);
  const Held *held = __atomic_load_n(&r->held, __ATOMIC_ACQUIRE);
  uint32_t nh = __atomic_load_n(&r->nheld, __ATOMIC_RELAXED);
  if (nh == 0 || nh >= cap) return false;
  *out = held[nh];
  return WaitsNested(r) && __atomic_load_n(&r->nheld, __ATOMIC_RELAXED) == nh;
}

// --- lookups -------------------------------------------------------------------------------------
uint32_t NewNode(const void *lock, uint8_t type, ThreadState *ts);

// The slot of the lock at `addr` (0: unknown), through the thread's memo.
__attribute__((always_inline)) inline SlotMemo *MemoFor(ThreadState *ts, uintptr_t addr) {
  return &ts->slot_memo[(addr >> 3 ^ addr >> 9) & (kSlotMemo - 1)];
}

__attribute__((always_inline)) inline uint32_t FindSlotMemo(ThreadState *ts, uintptr_t addr) {
  SlotMemo *m = MemoFor(ts, addr);
  if (__builtin_expect(m->addr == addr, 1) &&
      g_nodes[m->slot].addr.load(std::memory_order_acquire) == addr)
    return m->slot;
  uint32_t slot = FindSlot(addr);
  if (slot != 0) {
    m->addr = addr;
    m->slot = slot;
    m->uid = 0;
  }
  return slot;
}

__attribute__((always_inline)) inline uint32_t NodeFor(const void *lock, uint8_t type,
                                                       ThreadState *ts) {
  uint32_t slot = FindSlotMemo(ts, reinterpret_cast<uintptr_t>(lock));
  if (__builtin_expect(slot != 0, 1)) return slot;
  return NewNode(lock, type, ts);
}

// How an acquisition waits: blocking (until it gets the lock), try (never), or timed (up to a
// deadline). A timed one orders locks like a blocking one (edges into the lock), but its wait
// is never published to the watchdog: a thread that can time out is not blocked for ever.
enum Acq { kAcqBlocking = 0, kAcqTry = 1, kAcqTimed = 2 };

// The slow halves (lock_path.cc).
void UncachedChain(ThreadState *ts, uint32_t slot, uint8_t type, uint8_t mode, Held *h, uint64_t *set);
// After a try that succeeded and counts as a blocking acquisition (CPython's first try of a
// blocking acquire, semaphores.cc): the chain is validated as a blocking one's (edges into the
// lock), before the record is pushed.
void ChainAfterTry(ThreadState *ts, uint32_t slot, uint8_t type, uint8_t mode, Held *h);
bool ResolveFirst(ThreadState *ts);
bool ReleaseOther(ThreadState *ts, uintptr_t addr);
// Removes held record i whatever its count (the thread does not hold the lock at all).
void RemoveHeld(ThreadState *ts, uint32_t i);

// An acquisition with nothing else held: no edge can start or end here, and the thread cannot
// be part of a deadlock while it waits, so the record is its address, mode and where it was
// taken; the lock's node is not even looked up (ResolveFirst does that, if ever needed).
//
// The record's first 32 bytes are written as two 16-byte stores (addr, slot, uid | release_seq,
// count, mode, predictable, npcs, tried, type, kind, epoch): every store the wrapper makes before
// the real call must drain before the C library's locked instruction runs, so fewer, wider
// stores are a shorter wait. A first record's predictable and epoch are never read (a prediction
// is made only at depth 1 and more): written 0.
typedef uint64_t __attribute__((vector_size(16), aligned(8), may_alias)) HeldHalfLine;
static_assert(offsetof(Held, addr) == 0 && offsetof(Held, slot) == 8 && offsetof(Held, uid) == 12 &&
                  offsetof(Held, release_seq) == 16 && offsetof(Held, count) == 20 &&
                  offsetof(Held, mode) == 22 && offsetof(Held, predictable) == 23 &&
                  offsetof(Held, npcs) == 24 && offsetof(Held, tried) == 25 &&
                  offsetof(Held, type) == 26 && offsetof(Held, kind) == 27 && offsetof(Held, epoch) == 28,
              "FirstAcquire's packed stores follow Held's layout");

__attribute__((always_inline)) inline void WriteFirst(ThreadState *ts, Held *h, const void *lock,
                                                     uint64_t type, uint64_t mode, uint64_t tried,
                                                     uint64_t kind, uint64_t npcs) {
  uint64_t release_seq = ts->lost_epoch.load(std::memory_order_relaxed);
  HeldHalfLine head = {reinterpret_cast<uintptr_t>(lock), 0};  // slot 0, uid 0: unresolved
  HeldHalfLine tail = {release_seq | uint64_t{1} << 32 | mode << 48,  // count 1
                       npcs | tried << 8 | type << 16 | kind << 24};
  reinterpret_cast<HeldHalfLine *>(h)[0] = head;
  reinterpret_cast<HeldHalfLine *>(h)[1] = tail;
}

__attribute__((always_inline)) inline Held *FirstAcquire(ThreadState *ts, const void *lock,
                                                        uint8_t type, uint8_t mode, Acq acq) {
  Held *h = ts->held;  // never smaller than 16
  uint64_t kind = type == kMutex ? static_cast<uint8_t>(ReadMutexType(lock)) : 0;  // the line the real call takes anyway
  uint64_t npcs = static_cast<uint8_t>(CallerPcs(ts, h->pcs, kHeldPcs));
  WriteFirst(ts, h, lock, type, mode, acq == kAcqTry, kind, npcs);
  return h;
}

// The wrappers' first lock of a default mutex (MutexKindWord 0: its lock cannot fail) from a
// wrapper that has no frame of its own (its real call is a tail call): the record is pending
// (kHeldPending), and the walk starts at the caller's frame, still in the frame-pointer register.
__attribute__((always_inline)) inline void FirstAcquirePending(ThreadState *ts, const void *lock,
                                                               uint8_t mode) {
  Held *h = ts->held;
  uintptr_t *fp;
  uintptr_t lo;
#if defined(__x86_64__)
  asm("mov %%rbp, %0\n\tmov %%rsp, %1" : "=r"(fp), "=r"(lo));
#elif defined(__aarch64__)
  asm("mov %0, x29\n\tmov %1, sp" : "=r"(fp), "=r"(lo));
#else
  uintptr_t *own = static_cast<uintptr_t *>(__builtin_frame_address(0));  // a frame after all
  fp = reinterpret_cast<uintptr_t *>(own[0]);
  lo = reinterpret_cast<uintptr_t>(own);
#endif
  uint64_t npcs = static_cast<uint8_t>(CallerPcsFrom(
      ts, h->pcs, kHeldPcs, reinterpret_cast<uintptr_t>(__builtin_return_address(0)), fp, lo));
  WriteFirst(ts, h, lock, kMutex, mode, kHeldPending, 0, npcs);
}

// A blocking acquisition with nothing else held (FirstAcquire) is published to the watchdog while
// the real call lasts: the lock is held[0]'s. (A thread waiting for a lock while holding none
// can still be part of a hang: main holds L and joins a thread that needs L.) One byte store: the
// watchdog tells one such wait from the next by the record (lock, where), not by wait_seq.
__attribute__((always_inline)) inline void PublishFirstWait(ThreadState *ts) {
  ts->wait_first.store(1, std::memory_order_release);
}
__attribute__((always_inline)) inline void EndFirstWait(ThreadState *ts) {
  ts->wait_first.store(0, std::memory_order_relaxed);
}

// The wrappers' inline first-lock path publishes the same wait with the store that is already
// there: the guard raised while the record is built (in_hook) takes the value kInFirstWait for
// the real call (a signal handler's locks still only forward), and its lowering ends the wait:
// two stores fewer per first lock than wait_first's.
__attribute__((always_inline)) inline void PublishFirstWaitInHook(ThreadState *ts) {
  __atomic_store_n(&ts->in_hook, kInFirstWait, __ATOMIC_RELEASE);
}

// ResolveFirst for a lock this thread resolved before (its memo knows the node and the chain).
__attribute__((always_inline)) inline bool ResolveFirstMemo(ThreadState *ts) {
  Held &h = ts->held[0];
  const SlotMemo *m = MemoFor(ts, h.addr);
  if (m->addr != h.addr || m->uid == 0 || h.mode != kModeWrite ||
      ts->lost_epoch.load(std::memory_order_relaxed) != h.release_seq)
    return false;
  const LockNode &n = g_nodes[m->slot];
  if (n.addr.load(std::memory_order_acquire) != h.addr || n.uid != m->uid) return false;
  h.slot = m->slot;
  h.uid = m->uid;
  h.release_seq = n.release_seq.load(std::memory_order_relaxed);
  h.chain = m->chain0;
  return true;
}

// True when the thread holds no lock; otherwise its first record is resolved.
__attribute__((always_inline)) inline bool NothingHeld(ThreadState *ts) {
  uint32_t n = ts->nheld;
  if (__builtin_expect(n == 0, 1)) return true;
  if (n == 1 && ts->held[0].uid == 0 && !ResolveFirstMemo(ts)) return !ResolveFirst(ts);
  return false;
}

// Before the real call, with other locks held. Returns the slot (0: not tracked). Steady state
// (the lock known, the chain of held locks validated before): the node from the thread's memo
// (else one index probe), a hash step and one look in the thread's own cache - no shared cache
// line is written.
__attribute__((always_inline)) inline uint32_t BeforeAcquire(ThreadState *ts, const void *lock,
                                                             uint8_t type, uint8_t mode, Acq acq,
                                                             Held *h) {
  uint32_t slot = NodeFor(lock, type, ts);
  if (slot == 0) return 0;
  const LockNode &n = g_nodes[slot];
  uint32_t nheld = ts->nheld;  // at least 1: NothingHeld said so
  h->addr = reinterpret_cast<uintptr_t>(lock);
  h->type = type;
  h->slot = slot;
  h->uid = n.uid;
  h->mode = mode;
  h->count = 1;
  h->predictable = 0;  // RememberNext says when it is
  h->tried = acq == kAcqTry;
  h->npcs = static_cast<uint8_t>(CallerPcs(ts, h->pcs, kHeldPcs));
  // The chain: the held locks, then this one (lockdep's chain key). A chain already validated
  // by this thread adds no edge, and its lock is not held (or is a re-entry, flagged).
  h->chain = ChainStep(ts->held[nheld - 1].chain, h->uid, mode) & ~kReentryBit;
  if (acq == kAcqTry) {
    // It never waits: no edge into it. A recursive mutex may be re-entered.
    if (type == kMutex && (n.flags & kRecursive) && FindHeld(ts, slot, h->uid) >= 0) h->count = 0;
    return slot;
  }
  uint64_t *set = &ts->chain_cache[h->chain & (kThreadChainCache - 2)];  // 2-way
  uint64_t c = h->chain;
  if (__builtin_expect(set[0] != c && set[1] != c, 0)) {
    if (set[0] == (c | kReentryBit) || set[1] == (c | kReentryBit)) {
      h->count = 0;
    } else {
      UncachedChain(ts, slot, type, mode, h, set);
      slot = h->slot;  // a new life, when the lock's memory held a new lock
    }
  }
  if (h->count == 0) return slot;  // a re-entry does not wait (nor does an error-checking re-lock)
  if (acq == kAcqTimed) return slot;
  ts->wait_rec = h;
  ts->wait_seq.store(ts->wait_seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  ts->wait_slot.store(slot + 1, std::memory_order_release);
  return slot;
}

__attribute__((always_inline)) inline void AfterAcquire(ThreadState *ts, uint32_t slot, Held *h,
                                                        bool acquired) {
  ts->wait_slot.store(0, std::memory_order_relaxed);
  if (!acquired || slot == 0) return;
  if (__builtin_expect(h->count == 0, 0)) {  // recursive re-entry
    int i = FindHeld(ts, slot, h->uid);
    if (i >= 0) ++ts->held[i].count;
    return;
  }
  h->release_seq = g_nodes[slot].release_seq.load(std::memory_order_relaxed);
  PushHeld(ts, h);
}

// --- predicted nested acquisitions ------------------------------------------------------------
// A thread that takes the same lock on top of the same held locks as the last time at that depth
// (a loop, a call path run again) needs neither the lock's node, nor the chain's hash, nor its
// cache: the record left at that depth by the last acquisition there has them, validated
// (Held::predictable). Valid while no lock has died, nor been released by a non-holder, since
// (g_lock_epoch): a dead lock's address may hold another lock now. Runs inline in the wrapper;
// anything else is the slow function's, which marks the record it validates.
inline uint32_t CurrentLockEpoch() { return g_lock_epoch.value.load(std::memory_order_acquire); }

// Held::predictable of a record RememberNext validated: not 0, and it says the lock's type and the
// mode it was taken in (one compare instead of three).
constexpr uint8_t PredictKey(uint8_t type, uint8_t mode) {
  return static_cast<uint8_t>(0x80 | type << 1 | mode);
}
static_assert(kSem < 0x40 && kModeRead < 2, "PredictKey packs a LockType and a Mode");

// A predictable record's count, mode and predictable bytes as one word: the prediction checks
// all three with one compare. Its count is 1 (a record taken out with another count is made
// unpredictable, DropHeld; a re-entry's count 0 is never marked), so it is not written again.
typedef uint32_t __attribute__((may_alias, aligned(4))) HeldKeyWord;
static_assert(offsetof(Held, count) % 4 == 0 && offsetof(Held, mode) == offsetof(Held, count) + 2 &&
                  offsetof(Held, predictable) == offsetof(Held, count) + 3,
              "count, mode and predictable share one 4-byte word");
constexpr uint32_t PredictWord(uint8_t type, uint8_t mode) {
  return 1u | static_cast<uint32_t>(mode) << 16 | static_cast<uint32_t>(PredictKey(type, mode)) << 24;
}

// `n`: the thread's nheld (at least 1), read by the wrapper. held[n] is a record or, at the
// capacity, the sentinel above the array (never predictable): no test of n against it. `tried`:
// the record's Held::tried, kHeldPending when the wrapper counts it before the real lock.
typedef uint16_t __attribute__((may_alias, aligned(1))) HeldNpcsTried;
static_assert(offsetof(Held, tried) == offsetof(Held, npcs) + 1, "npcs and tried: one 2-byte store");
__attribute__((always_inline)) inline Held *PredictedAcquire(ThreadState *ts, const void *lock,
                                                            uint8_t type, uint8_t mode, uint32_t n,
                                                            uint8_t tried) {
  Held *h = &ts->held[n];
  if (h->addr != reinterpret_cast<uintptr_t>(lock) ||
      *reinterpret_cast<const HeldKeyWord *>(&h->count) != PredictWord(type, mode) ||
      h->epoch != CurrentLockEpoch())
    return nullptr;
  Held *prev = h - 1;
  if (__builtin_expect(prev->uid == 0, 0)) {
    // A first lock recorded by address only (n == 1): the memo knows its node too, if it is the
    // same lock, taken the same way, by this thread, and not lost meanwhile.
    const FirstLock &f = ts->first_lock;
    if (f.key != (prev->addr | prev->mode) || f.epoch != h->epoch || f.thread != ts->uid ||
        ts->lost_epoch.load(std::memory_order_relaxed) != prev->release_seq)
      return nullptr;
    if ((prev->tried & kHeldPending) && !SettleFirst(ts)) return nullptr;
    prev->slot = f.slot;
    prev->uid = f.uid;
    prev->chain = f.chain;
    prev->release_seq = f.release_seq;
  }
  if (h->prev_chain != prev->chain) return nullptr;
  // A pending record below (counted before its real lock) is taken unless this is a signal
  // handler that interrupted that real lock. Its lock is the one the prediction was made on, and
  // no lock died since (the epoch): its memory is still there.
  if ((prev->tried & kHeldPending) && MutexOwner(prev->addr) != ts->tid) return nullptr;
  uint32_t npcs = static_cast<uint8_t>(CallerPcs(ts, h->pcs, kHeldPcs));
  *reinterpret_cast<HeldNpcsTried *>(&h->npcs) = static_cast<uint16_t>(npcs | uint32_t{tried} << 8);
  // The wait: counted here; published by the guard's value for the real call (PublishNestedWait),
  // or, for a record counted before the real lock, by the pending record itself.
  ts->wait_seq.store(ts->wait_seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  return h;
}

// The predicted nested path publishes its wait to the watchdog (and the wait-holding check) with
// the store that is already there, as the first lock's: the guard raised while the record was
// checked and written takes the value kInNestedWait for the real call (a signal handler's locks
// still only forward), and the count's store after it ends the wait. The lock is held[nheld]'s
// (NestedWaitCopy): no wait_rec or wait_slot stores before the real call, none after it.
__attribute__((always_inline)) inline void PublishNestedWait(ThreadState *ts) {
  __atomic_store_n(&ts->in_hook, kInNestedWait, __ATOMIC_RELEASE);
}

// After BeforeAcquire on the slow path: a blocking acquisition whose chain this thread has
// validated (it is in its cache: not a re-entry, not a self-deadlock; never in confirm mode,
// which keeps the cache empty) marks its record predictable. `epoch` was read before the lock's
// node and the held locks' were looked up.
__attribute__((always_inline)) inline void RememberNext(ThreadState *ts, Held *h, uint32_t slot,
                                                        Acq acq, uint32_t epoch) {
  if (acq != kAcqBlocking || slot == 0 || h->count == 0) return;
  uint32_t n = ts->nheld;
  if (h != &ts->held[n]) return;
  const uint64_t *set = &ts->chain_cache[h->chain & (kThreadChainCache - 2)];
  if (set[0] != h->chain && set[1] != h->chain) return;
  const Held &prev = ts->held[n - 1];
  if (n == 1) {
    FirstLock &f = ts->first_lock;
    f.key = prev.addr | prev.mode;
    f.chain = prev.chain;
    f.slot = prev.slot;
    f.uid = prev.uid;
    f.release_seq = prev.release_seq;
    f.thread = ts->uid;
    f.epoch = epoch;
  }
  h->release_seq = g_nodes[slot].release_seq.load(std::memory_order_relaxed);
  h->prev_chain = prev.chain;
  h->epoch = epoch;
  h->predictable = PredictKey(h->type, h->mode);
}

// Before the real unlock. False when the thread does not hold the lock.
__attribute__((always_inline)) inline bool BeforeRelease(ThreadState *ts, const void *lock) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  uint32_t n = ts->nheld;
  if (__builtin_expect(n != 0, 1)) {
    Held &h = ts->held[n - 1];
    if (__builtin_expect(h.addr == addr, 1)) {
      if (__builtin_expect(h.count == 1, 1))
        ts->nheld = n - 1;
      else
        --h.count;
      return true;
    }
  }
  return ReleaseOther(ts, addr);
}

// A condition wait releases the mutex and re-takes it inside the C library, bypassing the
// wrappers: both halves are modelled here. Before: the wait published (waits.cc: with the
// wait-holding check), then the release. After: the mutex held again, on return or, for a wait
// ended by cancellation, in the wrapper's cleanup handler.
void BeforeCondWait(ThreadState *ts, const void *cond, const void *m, bool timed, uintptr_t pc);

__attribute__((always_inline)) inline void AfterCondWait(ThreadState *ts, const void *m) {
  Guard g(ts);
  if (NothingHeld(ts)) {
    FirstAcquire(ts, m, kMutex, kModeWrite, kAcqBlocking);
    ts->nheld = 1;
    return;
  }
  Held *h = NextHeld(ts);
  uint32_t slot = BeforeAcquire(ts, m, kMutex, kModeWrite, kAcqBlocking, h);
  AfterAcquire(ts, slot, h, true);
}

}  // namespace lg
#pragma GCC visibility pop

#endif  // LOCKGRAPH_RUNTIME_HOOK_LOCK_PATH_H_
