// The slow halves of the lock path (lock_path.h has the inline fast paths and the contract):
// chains the thread's cache does not know, resolving a first held lock, releases that are not
// of the newest held lock, held arrays that grow, full stacks. Runs on the calling thread, for
// its own state; takes g_mu only to make a node or to empty the shared chain set.
#include "lock_path.h"

#include <execinfo.h>
#include <link.h>
#include <sys/mman.h>

#include <cstring>

namespace lg {

std::atomic<uint32_t> g_nchains{0};

namespace {
std::atomic<uint64_t> *g_chains;
uint64_t g_chain_mask;
uintptr_t g_self_lo, g_self_hi;  // the hook's own mapped range

int FindSelf(struct dl_phdr_info *info, size_t, void *) {
  uintptr_t me = reinterpret_cast<uintptr_t>(&FindSelf);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_LOAD) continue;
    uintptr_t lo = info->dlpi_addr + ph.p_vaddr, hi = lo + ph.p_memsz;
    if (me >= lo && me < hi) {
      g_self_lo = lo;
      g_self_hi = hi;
      return 1;
    }
  }
  return 0;
}

// The chain set is a cache of validated held-lock chains; chains of dead locks never match
// again, so under lock churn it fills. Then it is emptied (a miss only costs a slow path).
void ClearChains(bool force) {
  InternalLockGuard guard(g_mu);
  if (!force && g_nchains.load(std::memory_order_relaxed) <= g_chain_mask / 2) return;  // done meanwhile
  madvise(g_chains, (g_chain_mask + 1) * sizeof(uint64_t), MADV_DONTNEED);
  g_nchains.store(0, std::memory_order_relaxed);
}

void RechainFrom(ThreadState *ts, uint32_t from) {
  for (uint32_t i = from; i < ts->nheld; ++i)
    ts->held[i].chain =
        ChainStep(i ? ts->held[i - 1].chain : ts->uid, ts->held[i].uid, ts->held[i].mode) & ~kReentryBit;
}

// Drops held record i (the lock is released).
void DropHeld(ThreadState *ts, uint32_t i) {
  Held &h = ts->held[i];
  if (h.count > 1) {
    --h.count;
    return;
  }
  --ts->nheld;
  if (i != ts->nheld) {
    memmove(&ts->held[i], &ts->held[i + 1], (ts->nheld - i) * sizeof(Held));
    RechainFrom(ts, i);
  }
  for (uint32_t k = i; k <= ts->nheld; ++k) ts->held[k].predictable = 0;  // moved, or taken out
}

}  // namespace

void RemoveHeld(ThreadState *ts, uint32_t i) {
  ts->held[i].count = 1;
  DropHeld(ts, i);
}

// Inserts `key` into an insert-only set; true if it was new. False also when full (a key is
// never placed further than kMaxProbe from its home, so a full set costs bounded time).
constexpr uint64_t kMaxProbe = 128;
bool SetInsert(std::atomic<uint64_t> *set, uint64_t mask, uint64_t key, bool *full) {
  if (key == 0) key = 1;
  for (uint64_t i = Mix(key) & mask, n = 0; n <= mask; i = (i + 1) & mask, ++n) {
    uint64_t cur = set[i].load(std::memory_order_acquire);
    if (cur == key) return false;
    if (cur == 0) {
      if (set[i].compare_exchange_strong(cur, key, std::memory_order_acq_rel)) return true;
      if (cur == key) return false;
    }
    if (n >= kMaxProbe) break;
  }
  if (full) *full = true;
  return false;
}

bool SetContains(const std::atomic<uint64_t> *set, uint64_t mask, uint64_t key) {
  if (key == 0) key = 1;
  for (uint64_t i = Mix(key) & mask, n = 0; n <= kMaxProbe; i = (i + 1) & mask, ++n) {
    uint64_t cur = set[i].load(std::memory_order_acquire);
    if (cur == key) return true;
    if (cur == 0) return false;
  }
  return false;
}

bool ChainsInit(uint32_t bits) {
  g_chains = static_cast<std::atomic<uint64_t> *>(MapZeroed((size_t{1} << bits) * 8));
  g_chain_mask = (uint64_t{1} << bits) - 1;
  return g_chains != nullptr;
}

void FindSelfRange() { dl_iterate_phdr(FindSelf, nullptr); }

int FullStack(uintptr_t *out, int max) {
  void *raw[kMaxStack + 8];
  int n = backtrace(raw, max + 8);
  int k = 0;
  for (int i = 0; i < n && k < max; ++i) {
    uintptr_t pc = reinterpret_cast<uintptr_t>(raw[i]);
    if (pc >= g_self_lo && pc < g_self_hi) continue;
    out[k++] = pc;
  }
  return k;
}

__attribute__((noinline)) bool GrowHeld(ThreadState *ts) {
  uint32_t cap = ts->cap * 2;
  // With a zeroed sentinel record on either side, never written (ThreadState::sentinel_lo).
  Held *mem = static_cast<Held *>(MapZeroed((cap + 2) * sizeof(Held)));
  if (mem == nullptr) return false;
  ++mem;
  memcpy(mem, ts->held, ts->nheld * sizeof(Held));
  // The old array is not unmapped: the watchdog reads other threads' held sets without
  // their cooperation. Growth doubles, so what is kept is less than the array in use.
  // Other threads read cap, then held (HeldArray): they never pair the old array with the new
  // capacity.
  __atomic_store_n(&ts->held, mem, __ATOMIC_RELEASE);
  __atomic_store_n(&ts->cap, cap, __ATOMIC_RELEASE);
  return true;
}

__attribute__((noinline)) uint32_t NewNode(const void *lock, uint8_t type, ThreadState *ts) {
  HookWork work(ts);
  uintptr_t site[kSitePcs + 1];
  int n = CallerPcs(ts, site, kSitePcs + 1);  // site[0] is in the wrapper: dropped
  return NewNodeAt(reinterpret_cast<uintptr_t>(lock), type, ReadLockFlags(lock, type) | kTagged, site + 1,
                   n > 1 ? n - 1 : 0);
}

// A chain this thread's cache does not know. The shared set knows the chains this thread
// validated before (keys start from the thread's uid), fresh ones and re-entries apart; a chain
// new to both is checked: is the lock already held by this thread (a re-entry, a
// self-deadlock), and if not, are the chain's edges in the graph?
// Gives a new life to the locks of this chain (the held ones and `h`) whose memory now holds a
// new lock (LifeChanged); true when any did (h->slot, h->uid and h->chain are then new).
bool RenewReused(ThreadState *ts, Held *h, uint8_t type) {
  bool changed = false;
  for (uint32_t i = 0; i < ts->nheld; ++i) {
    Held &r = ts->held[i];
    if (r.uid == 0 || !LifeChanged(r.slot, r.uid, r.addr)) continue;
    uint32_t s = RenewNode(r.addr, r.type, r.pcs, r.npcs);
    if (s == 0) continue;
    r.slot = s;
    r.uid = g_nodes[s].uid;
    r.release_seq = g_nodes[s].release_seq.load(std::memory_order_relaxed);
    RechainFrom(ts, i);
    changed = true;
  }
  if (LifeChanged(h->slot, h->uid, h->addr)) {
    uint32_t s = RenewNode(h->addr, type, h->pcs, h->npcs);
    if (s != 0) {
      h->slot = s;
      h->uid = g_nodes[s].uid;
      changed = true;
    }
  }
  if (changed)
    h->chain = ChainStep(ts->nheld ? ts->held[ts->nheld - 1].chain : ts->uid, h->uid, h->mode) & ~kReentryBit;
  return changed;
}
namespace {
void ValidateChain(ThreadState *ts, uint32_t slot, uint8_t type, uint8_t mode, Held *h, uint64_t *set);
}  // namespace

__attribute__((noinline)) void UncachedChain(ThreadState *ts, uint32_t slot, uint8_t type,
                                             uint8_t mode, Held *h, uint64_t *set) {
  if (__builtin_expect(ConfirmOn(), 0)) {
    // Confirm mode: the thread's cache is left empty, so every nested blocking acquisition
    // comes here and can be paused at an inversion's sites (confirm.cc).
    uint64_t scratch[2] = {0, 0};
    ValidateChain(ts, slot, type, mode, h, scratch);
    if (h->count != 0) ConfirmPoint(ts, slot, h);
    return;
  }
  ValidateChain(ts, slot, type, mode, h, set);
}

namespace {
void ValidateChain(ThreadState *ts, uint32_t slot, uint8_t type, uint8_t mode, Held *h, uint64_t *set) {
  uint64_t *mine = set;  // the cache set: two ways, the newest first
  set[1] = set[0];
  uint64_t reentry_key = Mix(h->chain | kReentryBit);
  if (SetContains(g_chains, g_chain_mask, h->chain)) {
    *mine = h->chain;
    return;
  }
  if (SetContains(g_chains, g_chain_mask, reentry_key)) {
    h->count = 0;
    *mine = h->chain | kReentryBit;
    return;
  }
  // A chain new to every cache: before it adds edges, are its locks still the ones it names? (A
  // validated chain adds none, so only here: the check reads every held lock's memory.)
  if (RenewReused(ts, h, type)) {
    slot = h->slot;
    if (!ConfirmOn()) {  // confirm mode keeps the thread's cache empty
      mine = &ts->chain_cache[h->chain & (kThreadChainCache - 2)];
      mine[1] = mine[0];
    }
    reentry_key = Mix(h->chain | kReentryBit);
  }
  const LockNode &n = g_nodes[slot];
  int i = FindHeld(ts, slot, h->uid);
  if (i >= 0 && Stale(ts->held[i])) i = -1;
  uint64_t key = h->chain;
  if (i >= 0) {
    const Held &old = ts->held[i];
    if (type == kMutex && (n.flags & kErrorCheck)) {
      h->count = 0;  // the call returns EDEADLK at once: not a wait, not a new hold
      return;
    }
    if (type == kMutex && (n.flags & kRecursive)) {
      h->count = 0;  // a legal re-entry: counted on the held record, no edge
      key = reentry_key;
    } else if (!(type == kRwlock && mode == kModeRead && old.mode == kModeRead)) {
      HookWork work(ts);  // a mutex re-taken by its owner, or a rwlock written while held
      ReportHere(ts, kSelfDeadlock, &slot, 1, h->pcs[0], true);
      StartWatchdog();  // the call below never returns: let the watchdog end the process
      return;
    }
  }
  HookWork work(ts);
  if (h->count != 0) NewChain(ts, slot, h->uid, mode, n.flags, type);
  bool full = false;
  SetInsert(g_chains, g_chain_mask, key, &full);
  if (full || g_nchains.fetch_add(1, std::memory_order_relaxed) > g_chain_mask / 2)
    ClearChains(full);
  *mine = h->count != 0 ? h->chain : h->chain | kReentryBit;
}
}  // namespace

// Gives the thread's first held record (taken with nothing else held, recorded by address only)
// its lock's node: a second lock is being taken on top of it, or a report names it. A record
// whose lock another thread destroyed or unlocked meanwhile is kept stale (its unlock still
// matches it) or dropped when its lock is gone. Returns false when the thread holds nothing.
__attribute__((noinline)) bool ResolveFirst(ThreadState *ts) {
  if (ts->nheld == 0) return false;
  Held &h = ts->held[0];
  if (h.uid != 0) return true;
  bool lost = ts->lost_epoch.load(std::memory_order_relaxed) != h.release_seq;
  uint32_t slot = FindSlotMemo(ts, h.addr);
  if (slot == 0 && !lost) {
    HookWork work(ts);
    slot = NewNodeAt(h.addr, h.type, KindFlags(h.kind) | kTagged, h.pcs, h.npcs);
  } else if (slot != 0 && !lost && LifeChanged(slot, g_nodes[slot].uid, h.addr)) {
    slot = RenewNode(h.addr, h.type, h.pcs, h.npcs);  // the memory holds a new lock
  }
  if (slot == 0) {  // gone, or no room for a node: the record goes
    memmove(&ts->held[0], &ts->held[1], (ts->nheld - 1) * sizeof(Held));
    for (uint32_t k = 0; k < ts->nheld; ++k) ts->held[k].predictable = 0;  // moved
    --ts->nheld;
    return ts->nheld != 0;
  }
  const LockNode &n = g_nodes[slot];
  h.slot = slot;
  h.uid = n.uid;
  h.release_seq = n.release_seq.load(std::memory_order_relaxed);
  if (lost) --h.release_seq;  // stale: held no longer
  SlotMemo *m = MemoFor(ts, h.addr);
  if (m->addr == h.addr && m->slot == slot && m->uid == h.uid && h.mode == kModeWrite) {
    h.chain = m->chain0;
  } else {
    h.chain = ChainStep(ts->uid, h.uid, h.mode) & ~kReentryBit;
    if (m->addr == h.addr && m->slot == slot && h.mode == kModeWrite) {
      m->uid = h.uid;
      m->chain0 = h.chain;
    }
  }
  return true;
}

// An unlock that is not of the newest held lock. False when the thread does not hold it.
__attribute__((noinline)) bool ReleaseOther(ThreadState *ts, uintptr_t addr) {
  for (int i = static_cast<int>(ts->nheld) - 1; i >= 0; --i)
    if (ts->held[i].addr == addr) {
      DropHeld(ts, static_cast<uint32_t>(i));
      return true;
    }
  return false;
}

void BeforeCondWait(ThreadState *ts, const void *cond, const void *m, bool timed, uintptr_t pc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(m);
  ResolveFirst(ts);  // a report names every held lock
  BeforeCondWaitObj(ts, cond, m, timed, pc);
  ReleaseOther(ts, addr);
}

void ChainAfterTry(ThreadState *ts, uint32_t slot, uint8_t type, uint8_t mode, Held *h) {
  h->tried = 0;
  uint64_t *set = &ts->chain_cache[h->chain & (kThreadChainCache - 2)];
  uint64_t c = h->chain;
  if (set[0] == c || set[1] == c || set[0] == (c | kReentryBit) || set[1] == (c | kReentryBit)) return;
  UncachedChain(ts, slot, type, mode, h, set);
}

}  // namespace lg
