// The table of synchronisation objects that are not locks to the lock graph: conditions,
// semaphores and barriers (waits.cc). Each is found by its address and keeps what the watchdog
// and the reports need: who was seen signalling or posting it, a semaphore's state (semaphores.cc:
// a lock or a signal), a barrier's count, where it was initialised or first used.
//
// Lookups are lock-free (open addressing; an insert claims an entry with a compare-and-swap);
// fields are atomics or written once by the object's initialiser. A destroyed object's entry is
// deleted (a tombstone). The table has a fixed size: when full, new objects are not tracked (a
// wait on one is never taken for a hang). Not on the mutex lock path.
#ifndef LOCKGRAPH_RUNTIME_HOOK_WAITS_H_
#define LOCKGRAPH_RUNTIME_HOOK_WAITS_H_

#include <atomic>
#include <cstdint>

#include "hook_state.h"

#pragma GCC visibility push(hidden)

namespace lg {

enum SyncType : uint8_t { kSyncNone = 0, kSyncCond = 1, kSyncSem = 2, kSyncBarrier = 3 };
// A semaphore's state: unknown (its sem_init was not seen: sem_open, or memory the hook did not
// see initialised), a lock (initial value 1, every post so far by a thread that held it), a
// signal (posted by a thread that did not take it, re-taken by its holder, or initial value 0),
// counting (initial value above 1).
enum SemState : uint8_t { kSemUnknown = 0, kSemLock = 1, kSemSignal = 2, kSemCounting = 3 };

constexpr int kSyncSeen = 4;

struct SyncObj {
  std::atomic<uintptr_t> addr;  // 0: empty; 1: deleted
  uint8_t type;                 // SyncType
  std::atomic<uint8_t> sem_state;
  std::atomic<uint8_t> seen_many;  // more threads signalled or posted it than `seen` holds
  uint8_t site_len;
  uint32_t count;  // a barrier's count; a semaphore's initial value
  uint32_t uid;    // this life's number (names in reports)
  std::atomic<uint32_t> seen[kSyncSeen];  // uids of threads seen signalling or posting it
  // A condition: the locks (uids) held across waits on it, and those its signallers held when
  // they signalled (wait-holding).
  std::atomic<uint32_t> held_across[4];
  std::atomic<uint32_t> signal_held[4];
  // Per signal_held entry: the uid of the first thread seen signalling holding it, or ~0u once
  // a second thread was (a waiter's own signals show no other thread needs the lock).
  std::atomic<uint32_t> signal_held_by[4];
  uintptr_t site[kSitePcs];  // where initialised or first used (C return addresses or Python frames)
};

// The object at `addr`, or nullptr.
SyncObj *SyncFind(uintptr_t addr);
// The object at `addr`, made (with `type`, named by `site`) when new; nullptr when the table is
// full. `fresh` (optional) is set when it was made now.
SyncObj *SyncGet(uintptr_t addr, uint8_t type, const uintptr_t *site, int nsite, bool *fresh = nullptr);
// A new life at `addr` (an init): the old one's record is dropped first.
SyncObj *SyncReset(uintptr_t addr, uint8_t type, const uintptr_t *site, int nsite);
// The object's life ended (destroy).
void SyncForget(uintptr_t addr);
// Records thread `uid` as signalling or posting `o`.
void SyncAddSeen(SyncObj *o, uint32_t uid);

// Publishes a wait of the calling thread for the watchdog (waits.cc); EndWait ends it.
void PublishWait(ThreadState *ts, uint8_t kind, uintptr_t obj, uintptr_t mutex, uint32_t target,
                 const uintptr_t *pcs, int npcs);
// Where the calling thread waits: `pc` (the wrapper's caller) and the frames above it.
int WaitPcs(ThreadState *ts, uintptr_t pc, uintptr_t *out, int max);

// Lock uids held by `ts` that are live and not stale (resolving its first held lock).
int LiveHeldUids(ThreadState *ts, uint32_t *uids, int max, uintptr_t except_addr);

// The name of a synchronisation object for reports (report.cc): the global's symbol, else
// "kind@file:line#N" where it was initialised or first used.
void SyncObjectName(uintptr_t addr, uint8_t kind, char *out, size_t cap);

}  // namespace lg
#pragma GCC visibility pop

#endif  // LOCKGRAPH_RUNTIME_HOOK_WAITS_H_
