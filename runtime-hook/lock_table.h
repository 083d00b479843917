// The lock table: lock lives. A node per live lock (g_nodes), the lock-free index from a lock's
// address to its node, and the page map that tells free() cheaply whether a block can hold a
// lock. A life begins at init or first use (CreateNodeLocked) and ends at destroy, free or
// re-init (ForgetNodeLocked); the node's uid names that one life, so nothing of a dead lock
// joins a new lock at the same address.
//
// Readers (FindSlot) are lock-free and run on the lock path: the lookups here are inline.
// Writers hold g_mu. This file does not report, read held sets, or search the graph.
#ifndef LOCKGRAPH_RUNTIME_HOOK_LOCK_TABLE_H_
#define LOCKGRAPH_RUNTIME_HOOK_LOCK_TABLE_H_

#include <pthread.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "hook_state.h"

#pragma GCC visibility push(hidden)

namespace lg {

// An entry is a node slot (0: empty, kDeletedSlot: deleted); the node holds the address, which a
// probe must read anyway to use the lock. 4 bytes an entry.
using IndexEntry = std::atomic<uint32_t>;
constexpr uint32_t kDeletedSlot = ~0u;
// The index from a lock's address to its node: open addressing, readers lock-free. It starts
// small and grows with the live locks (a table sized for max_locks would make every lookup a
// cache and TLB miss). A table is replaced whole; the old one stays mapped (its entries zeroed),
// its header - alone on the first page - never changes.
struct IndexTable {
  uint64_t mask;
  uint32_t shift;
  uint32_t bits;
  IndexEntry *entries;  // the table's second page on
};
extern std::atomic<IndexTable *> g_index;

// Maps the tables for `max_locks` live locks; false when the memory cannot be had.
bool LockTableInit(uint32_t max_locks);

// Keeps neighbours neighbours (the low bits are the address's, so an array of mutexes walked in
// order walks the index in order too) and scatters 2 MiB regions over the table.
inline uint64_t IndexHash(uintptr_t addr) {
  return (addr >> 3) ^ (((addr >> 21) * 0x9E3779B97F4A7C15ULL) >> 32);
}

// Lock-free lookup; 0 when the lock is unknown.
inline uint32_t FindSlotIn(const IndexTable *t, uintptr_t addr) {
  const IndexEntry *e = t->entries;
  for (uint64_t i = IndexHash(addr) & t->mask;; i = (i + 1) & t->mask) {
    uint32_t slot = e[i].load(std::memory_order_acquire);
    if (slot == 0) return 0;
    if (slot != kDeletedSlot && g_nodes[slot].addr.load(std::memory_order_acquire) == addr) return slot;
  }
}

// 0 when the lock is unknown. A miss in a table that was replaced meanwhile is retried in the
// new one.
inline uint32_t FindSlot(uintptr_t addr) {
  IndexTable *t = g_index.load(std::memory_order_acquire);
  for (;;) {
    uint32_t slot = FindSlotIn(t, addr);
    if (__builtin_expect(slot != 0, 1)) return slot;
    IndexTable *now = g_index.load(std::memory_order_acquire);
    if (now == t) return 0;
    t = now;
  }
}

inline int ReadMutexType(const void *m) {
  // glibc's pthread_mutex_t keeps the type in __data.__kind (stable x86-64/aarch64 ABI); a C11
  // mtx_t is the same object.
  return reinterpret_cast<const pthread_mutex_t *>(m)->__data.__kind & 3;
}

// The LockFlags of a mutex of glibc type `t`.
inline uint8_t KindFlags(int t) {
  return t == PTHREAD_MUTEX_RECURSIVE ? kRecursive : t == PTHREAD_MUTEX_ERRORCHECK ? kErrorCheck : 0;
}

// The LockFlags of a live lock, read from its memory.
inline uint8_t ReadLockFlags(const void *lock, uint8_t type) {
  return type == kMutex ? KindFlags(ReadMutexType(lock)) : 0;
}

// Memory reused for another lock without a destroy - an object pool that constructs a new
// std::mutex where an old one was (placement new), a library unloaded and another loaded at the
// same address - gives the hook no call to see. So a mutex's node leaves a tag in the mutex: the
// 8 bytes of its robust-list link (__data.__list.__prev), which the C library never uses for a
// mutex that is neither robust nor process-shared. A new object's initialisation clears the tag;
// the slow path then sees that the memory holds a new lock (LifeChanged) and gives it a new life
// (RenewNode), so the old lock's edges do not join the new one.
constexpr uint64_t kTagHigh = uint64_t{0x6c676b74} << 32;  // "lgkt"
inline uint64_t *TagWord(uintptr_t addr) {
  return reinterpret_cast<uint64_t *>(addr + offsetof(pthread_mutex_t, __data.__list.__prev));
}
inline bool LifeChanged(uint32_t slot, uint32_t uid, uintptr_t addr) {
  const LockNode &n = g_nodes[slot];
  if (!(n.flags & kTagged) || n.uid != uid) return false;
  return __atomic_load_n(TagWord(addr), __ATOMIC_RELAXED) != (kTagHigh | uid);
}
// A new life for the lock at `addr` (its memory holds a new lock): the old node is forgotten.
// Takes g_mu. Returns the new slot (0: no room).
uint32_t RenewNode(uintptr_t addr, uint8_t type, const uintptr_t *site, int nsite);

// Creates the node for `addr` (g_mu held). 0 when the table is full (said once). With kTagged
// in `flags`, a mutex that can carry a tag gets one.
uint32_t CreateNodeLocked(uintptr_t addr, uint8_t type, uint8_t flags, const uintptr_t *site,
                          int nsite);
// Ends the life of the lock at `addr` (g_mu held); its edges leave the graph.
void ForgetNodeLocked(uintptr_t addr);
// A lock seen for the first time (a static initializer, or init not seen), taken at `site`.
// Reads nothing of the lock's memory (it may be gone by now). Takes g_mu.
uint32_t NewNodeAt(uintptr_t addr, uint8_t type, uint8_t flags, const uintptr_t *site, int nsite);
// A lock initialised (pthread_*_init, mtx_init; called from the wrapper, whose callers are the
// site): a new life; a holder's record of the old life is lost.
void OnLockInit(ThreadState *ts, const void *lock, uint8_t type, uint8_t flags);

// A library is being unloaded: every lock in [lo, hi) ends its life (g_mu not held).
void ForgetLocksIn(uintptr_t lo, uintptr_t hi);
// dlclose(handle), and the lives of the locks of a library it unloads end.
int DlcloseTracked(void *handle);

// Pages holding live locks, so free() can tell cheaply whether a block held one.
extern std::atomic<int> g_live_pages;
bool PageHasLocks(uintptr_t page);

// Statistics (print_stats).
// Bumped whenever a lock life ends, and when a lock is released by a thread that did not hold
// it: a held record validated before the bump (lock_path.h, PredictedAcquire) may name a dead
// life or an old release count, and does not predict the next lock at its depth. Alone on its
// cache line: read on every predicted nested acquisition, written only at those rare events.
struct alignas(64) LockEpoch {
  std::atomic<uint32_t> value{0};
};
extern LockEpoch g_lock_epoch;
extern uint32_t g_next_uid;
extern uint32_t g_live_locks;

}  // namespace lg
#pragma GCC visibility pop

#endif  // LOCKGRAPH_RUNTIME_HOOK_LOCK_TABLE_H_
