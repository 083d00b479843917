// Shared types and state of the runtime hook, and what each of its files offers the others.
// The files, by concern (compiler-rt's split of interceptors, runtime and detector):
//   interceptors.cc  the C ABI wrappers, generated from common/lock_api.inc; they only forward
//   lock_path.{h,cc} held sets, chain caches, before/after acquire and release (the hot path)
//   lock_table.{h,cc} lock lives: the node table, the address index, the page map
//   cycles.cc        the lock-order graph's edges, cycle classification, cycle reports
//   misuse.cc        unlock-unheld, destroy-locked (and free of a held lock), exit-holding
//   threads.cc       thread records and states, create/join/exit, fork
//   waits.cc         what threads wait for besides locks: joins, conditions (and who signals
//                    them, wait-holding), barriers; the table of those objects
//   semaphores.cc    sem_*: a semaphore used as a lock is a lock, any other is a signal
//   python.cc        CPython: its frames as report frames, its locks' names
//   watchdog.cc      the waits-for graph: actual deadlocks
//   options.cc       LOCKGRAPH_OPTIONS
//   init.cc          start-up and exit
//   report.cc        symbolization, lock names, suppressions, text and JSON reports
//   confirm.cc       confirm mode: pauses at an inversion's sites so that it deadlocks for real
//   graph.cc         the graph structure (Pearce-Kelly)
// Everything here lives in mmap'd memory and is never freed.
#ifndef LOCKGRAPH_RUNTIME_HOOK_HOOK_STATE_H_
#define LOCKGRAPH_RUNTIME_HOOK_HOOK_STATE_H_

#include <pthread.h>
#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "graph.h"
#include "internal.h"

// Everything the hook's files share stays inside the library, and is reached directly (not
// through the GOT) from the lock path.
#pragma GCC visibility push(hidden)

namespace lg {

struct Options {
#define LG_T_bool bool
#define LG_T_int int
#define LG_T_str const char *
#define LG_OPTION(type, name, def, help) LG_T_##type name;
#include "options.inc"
};
extern Options g_opt;

enum FindingKind {
#define LOCKGRAPH_FINDING(e, id, desc) k##e,
#include "findings.inc"
  kNumFindingKinds
};
enum LockType : uint8_t { kMutex = 0, kRwlock = 1, kSpin = 2, kSem = 3 };
// kTagged: the lock's memory carries its node's tag (see lock_table.h); passed to the node's
// creation when the lock's memory may be written.
enum LockFlags : uint8_t { kRecursive = 1, kErrorCheck = 2, kWriterPreferring = 4, kSiteInit = 8, kTagged = 16 };
enum Mode : uint8_t { kModeWrite = 0, kModeRead = 1 };

constexpr int kSitePcs = 5;  // frames kept of where a lock was initialised or first taken

struct LockNode {  // 64 bytes (one cache line): with its index entry, the memory cost of a live lock
  std::atomic<uintptr_t> addr;  // the lock's address while alive, else 0
  uintptr_t site[kSitePcs];     // where the lock was initialised or first taken
  uint32_t uid;                 // this life's id; never reused
  // Bumped when a thread unlocks the lock without holding it: the holder's record (taken at
  // an older value) is stale from then on. Never written on the lock path, so the node stays
  // read-only there (no cache line of the tool bounces between threads sharing a lock).
  std::atomic<uint32_t> release_seq;
  uint32_t next_free;
  uint8_t type;
  uint8_t flags;
  uint8_t site_len;
};
static_assert(sizeof(LockNode) == 64, "LockNode is the per-lock memory cost: keep it small");

// A lock a thread holds. A lock taken while the thread holds no other is recorded by address
// only (uid 0, "unresolved"): it can take part in no edge until a second lock is taken on top
// of it, so its node is looked up (or made) only then (ResolveFirst in lock_path.cc).
struct Held {
  uintptr_t addr;   // the lock's address: an unlock of the newest held lock needs no lookup
  uint32_t slot, uid;
  // The node's release_seq when taken (the record is stale when they differ); while unresolved,
  // the thread's lost_epoch when taken.
  uint32_t release_seq;
  uint16_t count;   // recursion depth; 0 while acquiring: a re-entry of a held recursive lock
  uint8_t mode;
  // This record, once its lock is released, still describes the last lock taken at its depth,
  // validated on top of the locks whose chain is prev_chain while no lock died (epoch): the same
  // lock taken there again reuses it (PredictedAcquire, lock_path.h). 0, or PredictKey(type, mode).
  uint8_t predictable;
  uint8_t npcs;
  uint8_t tried;    // bit 0: taken by a trylock (it never waited); kHeldPending: see below
  uint8_t type;     // LockType
  uint8_t kind;     // a mutex's glibc type (recursive, error-checking...), read when it was taken
  uint32_t epoch;   // g_lock_epoch when it was validated (while predictable)
  uint64_t chain;   // hash of the held locks up to and including this one
  uint64_t prev_chain;  // the chain of the held locks under it (while predictable)
  uintptr_t pcs[kHeldPcs];
  // 128 bytes: in a held array (page-aligned once it grows) the fields and the first 2 return
  // addresses share one cache line, which is all a lock taken from code without frame pointers
  // touches: 300 nested locks fit in the first-level cache.
  uint8_t pad_[128 - 48 - 8 * kHeldPcs];
};
static_assert(sizeof(Held) == 128, "Held: two cache lines, the first one hot");

// Held::tried's bits. kHeldTry: taken by a trylock (it never waited). kHeldPending: a record
// counted before its real lock (lock_path.h: FirstAcquirePending, and the predicted nested path
// of a default mutex): the wrapper counts the record and makes the real lock its tail call, so
// until the thread enters the hook again the newest record may stand for a lock it still waits
// for. The mutex says which: glibc writes the owner's tid into it once taken. The thread clears
// the bit of its newest record at its next entry into the hook's slow paths (Enter); the
// predicted path leaves it on the records below (a record under the newest one is always taken:
// the thread got past its real lock), so a set bit means "taken iff the owner is this thread".
constexpr uint8_t kHeldTry = 1;
constexpr uint8_t kHeldPending = 2;

// glibc's pthread_mutex_t (and C11 mtx_t): the owner's tid while locked (every type but an elided
// lock), and the type and flags, 0 for a default mutex (not recursive, error-checking, robust,
// priority-inheriting or elided: its lock cannot fail).
inline int MutexOwner(uintptr_t m) {
  return __atomic_load_n(&reinterpret_cast<pthread_mutex_t *>(m)->__data.__owner, __ATOMIC_RELAXED);
}
inline int MutexKindWord(const void *m) { return reinterpret_cast<const pthread_mutex_t *>(m)->__data.__kind; }

// A thread's memo of the nodes of locks it took lately: the lookup of a lock taken again skips
// the shared index (the node itself says whether it is still that lock's).
struct SlotMemo {
  uintptr_t addr;
  uint32_t slot, uid;
  uint64_t chain0;  // the chain of this lock life taken for writing with nothing else held
};
constexpr uint32_t kSlotMemo = 16;

constexpr uint32_t kThreadChainCache = 1024;  // 2-way: 512 sets of 2

// A thread's memo of its first held lock (taken with nothing else held, recorded by address
// only, FirstAcquire): its node and chain when it is the same lock again and a lock is taken on
// top of it (PredictedAcquire).
struct FirstLock {
  uintptr_t key;        // its address | mode
  uint64_t chain;
  uint32_t slot, uid, release_seq;
  uint32_t epoch;       // g_lock_epoch when it was validated
  uint32_t thread;      // the thread's uid (a state serves another thread after its own ends)
};

struct ThreadInfo {  // one per thread ever seen, kept for the process's life
  int tid;
  uint32_t creator;
  uint32_t created_clock;
  uint32_t joined_clock;  // 0: not joined
  uint32_t joiner;
  uintptr_t pthread;
  bool exited;
};

// A wait the hook knows that is not for a lock (waits.cc, semaphores.cc): what the watchdog
// needs to tell whether anyone can ever end it.
enum WaitKind : uint8_t { kWaitNone = 0, kWaitJoin = 1, kWaitCond = 2, kWaitSem = 3, kWaitBarrier = 4 };
struct WaitRecord {
  uintptr_t obj;    // the condition, semaphore or barrier; a join's pthread_t
  uintptr_t mutex;  // a condition wait's mutex
  uint32_t target;  // a join: the joined thread's uid (0: a thread the hook did not see start)
  uint8_t npcs;
  uintptr_t pcs[kHeldPcs];  // where it waits
};

// in_hook's value while the wrappers' inline first-lock path waits in the real call (lock_path.h,
// PublishFirstWaitInHook); nested guards count far below it.
constexpr int kInFirstWait = 1 << 30;
// in_hook's value while the wrappers' predicted nested path waits in the real call: the lock is
// that of the record just above the held ones, held[nheld] (lock_path.h, PredictedAcquire). The
// wait is counted in wait_seq as every nested wait is; wait_slot and wait_rec stay 0.
constexpr int kInNestedWait = 1 << 28;
// Added to in_hook for good when the hook stops checking a process it is already running in (a
// child forked while the graph was being changed): the wrappers test in_hook, not g_state, on
// their inline paths, and a thread with a state only forwards from then on.
constexpr int kInHookOff = 1 << 29;

struct ThreadState {
  int tid;
  uint32_t uid;
  // in_hook and nheld are adjacent, 8-byte aligned: the wrappers' inline paths read both with one
  // load and, after a first lock, write both with one store (HookAndHeld).
  int in_hook;              // re-entry guard
  uint32_t nheld, cap;
  Held *held;
  uintptr_t stack_lo, stack_hi;
  // slot+1 of the lock being waited for, 0 if none (a predicted nested wait says so with
  // in_hook == kInNestedWait instead: WaitsNested).
  std::atomic<uint32_t> wait_slot;
  // Set while the thread blocks taking a lock with nothing else held: the lock is held[0]'s.
  // The wrappers' inline path says so with in_hook == kInFirstWait instead (WaitsFirst).
  std::atomic<uint8_t> wait_first;
  std::atomic<uint8_t> wait_kind;   // a WaitKind: the wait in wait_other, published after it
  std::atomic<uint64_t> wait_seq;   // bumped at every wait published (the watchdog's two looks)
  // Bumped by another thread that destroyed, freed or unlocked a lock this thread holds
  // unresolved: the record is lost (no longer held, or its lock is gone).
  std::atomic<uint32_t> lost_epoch;
  // The record of the acquisition in progress (lock, mode, where): built just above the held
  // ones, stable while the thread waits.
  const Held *wait_rec;
  uint32_t next_free;
  uint32_t registry_index;
  uint32_t wd_round;        // the watchdog's search mark (watchdog thread only)
  WaitRecord wait_other;    // the wait of wait_kind
  // Bumped by a thread that found a semaphore is no lock (semaphores.cc): this thread drops its
  // records of semaphores that are not locks at its next semaphore call.
  std::atomic<uint32_t> sem_purge;
  uint32_t sem_purge_seen;
  // The Python frames (python.cc) of the CPython lock call in progress, for `py_for` (a
  // semaphore): they stand for the C stack in its records and reports.
  uintptr_t py_for;
  uint8_t py_npcs;
  uintptr_t py_pcs[kHeldPcs];
  // The condition this thread signalled last, 0 after a condition wait of its own (waits.cc: a
  // signaller that blocks on a lock right after it signalled has given its signal).
  std::atomic<uintptr_t> last_signal;
  // The held array starts as inline_held, between two sentinel records (zero: no lock's address,
  // count 0, not predictable), as does every array it grows into (GrowHeld): held[-1] and
  // held[cap] are never written, so the wrappers read the newest record, held[nheld - 1], and the
  // predicted one, held[nheld], without testing nheld against 0 or the capacity (HeldSentinels).
  Held sentinel_lo;
  Held inline_held[16];
  Held sentinel_hi;
  Held scratch_held;  // the record of an acquisition when the held array cannot grow
  FirstLock first_lock;
  SlotMemo slot_memo[kSlotMemo];  // cleared when the state is reused
  // Chains this thread validated lately (keys include the thread's uid, so a reused state's old
  // entries never match).
  uint64_t chain_cache[kThreadChainCache];
};

static_assert(offsetof(ThreadState, in_hook) % 8 == 0 &&
                  offsetof(ThreadState, nheld) == offsetof(ThreadState, in_hook) + 4,
              "in_hook and nheld share one 8-byte word");
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the wrappers' packed words are little-endian");

// in_hook (low half) and nheld (high half) as one word: the inline paths' test "not inside the
// hook, nothing held" is one load and one compare, and a first lock's end (in_hook down, nheld 1)
// one store - a signal handler sees both change at once.
typedef uint64_t __attribute__((may_alias)) HookHeldWord;
__attribute__((always_inline)) inline uint64_t HookAndHeld(const ThreadState *ts) {
  return *reinterpret_cast<const HookHeldWord *>(&ts->in_hook);
}
__attribute__((always_inline)) inline void SetHookAndHeld(ThreadState *ts, int in_hook, uint32_t nheld) {
  *reinterpret_cast<HookHeldWord *>(&ts->in_hook) =
      static_cast<uint32_t>(in_hook) | static_cast<uint64_t>(nheld) << 32;
}

// One held lock in the word (HookAndHeld), and the shift from the word's count to a byte offset
// into the held array: the unlock wrapper finds the newest record without shifting the count
// down and back up.
constexpr uint64_t kOneHeld = uint64_t{1} << 32;
constexpr int kHeldShift = 7;
static_assert(sizeof(Held) == size_t{1} << kHeldShift, "kHeldShift: log2 of sizeof(Held)");

// Is thread `r` blocked taking a lock with nothing else held (the lock is its held[0]'s)? Read by
// other threads (the watchdog) without its cooperation.
// (A pending record says so too: PendingWait in watchdog.cc, which has to read the mutex.)
inline bool WaitsFirst(const ThreadState *r) {
  return r->wait_first.load(std::memory_order_acquire) ||
         __atomic_load_n(&r->in_hook, __ATOMIC_ACQUIRE) == kInFirstWait;
}

// Is thread `r` blocked in the wrappers' predicted nested path of a lock that is not a default
// mutex (the lock is its held[nheld]'s: NestedWaitCopy in lock_path.h; a default mutex's record is
// pending instead)? Read by other threads without its cooperation.
inline bool WaitsNested(const ThreadState *r) {
  return __atomic_load_n(&r->in_hook, __ATOMIC_ACQUIRE) == kInNestedWait;
}

// Thread r's record h (read without its cooperation) is pending and its lock not taken yet (r
// waits in the real lock, or is about to), given the mutex's owner field read by the caller from
// memory it knows is mapped. A lost first record is no wait (its lock was unlocked or destroyed by
// another thread); a resolved record's staleness is the caller's to test (Stale).
inline bool PendingNotTaken(const ThreadState *r, const Held &h, int owner) {
  return (h.tried & kHeldPending) && owner != r->tid &&
         (h.uid != 0 || r->lost_epoch.load(std::memory_order_relaxed) == h.release_seq);
}

// What a report needs to name a lock that may be dead by the time it is written (the locks of a
// latent cycle held back until exit).
struct LockRecord {
  uint32_t uid;
  uint8_t site_len;
  uintptr_t addr;
  uintptr_t site[kSitePcs];
};
// The record of lock life `uid`, or nullptr (cycles.cc).
const LockRecord *FindLockRecord(uint32_t uid);

// Where a finding points; filled by the detector and the checks, rendered by report.cc.
struct FindingEdge {
  const Edge *edge;
};
struct BlockedThread {
  uint32_t thread_uid;
  int tid;
  uint8_t kind;                  // kWaitNone: a lock (wait_slot, wait_uid); else a WaitKind
  uint32_t wait_slot, wait_uid;  // a lock wait: the lock
  uintptr_t obj, mutex;          // other waits: the object (see WaitRecord)
  // Whom it waits for: a lock's holders, the joined thread, the threads that signal or post
  // (all blocked too); `any`: no thread was seen signalling or posting, any may.
  uint8_t nwaits_for;
  bool any;
  uint32_t waits_for_uid[4];
  int waits_for_tid[4];
  uint8_t wait_npcs;
  uintptr_t wait_pcs[kHeldPcs];
  uint32_t nheld;
  Held held[8];
};
struct Finding {
  int kind;
  // Cycle kinds: the edges, in cycle order.
  int nedges;
  const Edge *edges[kMaxCycle];
  const Evidence *evidence[kMaxCycle];  // per edge: the acquisition to show (nullptr: the first)
  // Other kinds: the locks involved and the current stack.
  int nlocks;
  uint32_t lock_slots[8];
  uint32_t lock_uids[8];
  int tid;
  uint32_t thread_uid;
  int stack_len;
  uintptr_t stack[kMaxStack];
  // exit-holding / wait-holding: where the held locks were taken.
  int nheld;
  Held held[8];
  // wait-holding: the thread that signalled the condition holding one of the locks
  int sig_tid;
  uint32_t sig_thread_uid;
  int sig_stack_len;
  uintptr_t sig_stack[kMaxStack];
  // actual-deadlock
  int nblocked;
  int nblocked_total;  // all the threads blocked for ever (more than `blocked` holds)
  BlockedThread blocked[16];
};

// --- start-up and exit (init.cc) ---------------------------------------------------------------
enum HookState { kNotStarted = 0, kStarting = 1, kReady = 2, kDisabled = 3 };
extern std::atomic<int> g_state;
// Starts the hook on first use (resolves the real functions, reads the options, maps the
// tables). False while it starts (a re-entry, through dlsym) or when it could not start: the
// caller then only forwards.
bool EnsureInit();
// The end of the process (atexit, or _exit): the findings held back until exit are reported, once;
// *status becomes the exitcode option's when findings were reported. Nothing in a child the hook
// did not see being made (vfork: its memory is the parent's).
void FinishProcess(int *status);
extern pid_t g_pid;  // the process the hook's state belongs to
extern InternalMutex g_mu;  // the graph, the node table's writers, thread records
extern Graph g_graph;
const char *FindingId(int kind);

// The calling thread's state (threads.cc), nullptr until it first locks; t_busy is set while
// the hook works for a thread that has no state yet (its start, the watchdog).
extern __thread ThreadState *t_state __attribute__((tls_model("initial-exec")));
extern __thread int t_busy __attribute__((tls_model("initial-exec")));

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Insert-only hash sets of 64-bit keys (lock_path.cc): true if `key` was new. False also when
// full (a key is never placed further than a bounded probe from its home).
bool SetInsert(std::atomic<uint64_t> *set, uint64_t mask, uint64_t key, bool *full);
bool SetContains(const std::atomic<uint64_t> *set, uint64_t mask, uint64_t key);

// --- the allocator (interceptors.cc) ------------------------------------------------------------
// The usable size of a block of the allocator whose free() the hook's free() forwards to (a
// malloc replacement's when there is one); 0 when that allocator cannot say.
size_t BlockSize(void *p);

// --- options (options.cc) -----------------------------------------------------------------------
// Reads LOCKGRAPH_OPTIONS, once (at load time; help=1 prints the options and ends the process).
void ParseOptions();
// Applies the options of `text` (decoded in place; str options point into it) to g_opt, with a
// message for each it cannot use. True when help was asked for.
bool ParseOptionsText(char *text);

// --- the detector (cycles.cc) ---------------------------------------------------------------------
// Maps the edge index (growing up to 2^edge_bits entries) and the set of reported findings.
bool CyclesInit(uint32_t edge_bits);
// The slow path: a chain of held locks this thread has not validated before; adds its edges to
// the graph and reports the cycles they close (g_mu not held).
void NewChain(ThreadState *ts, uint32_t slot, uint32_t uid, uint8_t mode, uint8_t lock_flags,
              uint8_t lock_type);
// The edges of a dead lock leave the edge index and are reused (g_mu held).
void RetireEdgesLocked(Edge *dead);
// Reports the cycles held back (at exit, or before the watchdog ends a deadlocked process): latent
// ones that never became real inversions, and real ones through semaphores still used as locks.
void FlushLatent();
// Lock life `uid` (a semaphore) turned out to be no lock: cycles through it are never reported.
void RetractLock(uint32_t uid);
// In a child after fork: the parent's pending latent cycles are not the child's.
void CyclesAtForkChild();
// True the first time `key` is seen: each finding is reported once.
bool SeenOnce(uint64_t key);
extern uint32_t g_nedges;
extern std::atomic<uint64_t> g_stat_slow;  // slow paths taken (print_stats)

// --- misuse (misuse.cc) ---------------------------------------------------------------------------
// A finding about the current thread at its current call site (misuse kinds, self-deadlock,
// wait-holding); reported once per kind, lock and call site.
void ReportHere(ThreadState *ts, int kind, const uint32_t *slots, int nslots, uintptr_t site_pc,
                bool with_held);
// An unlock of a lock the thread does not hold: reported before the real call, then the
// holders' records made stale after it (AfterUnheldRelease, only when Before returned true).
bool BeforeUnheldRelease(ThreadState *ts, const void *lock, uint8_t type, uintptr_t pc);
void AfterUnheldRelease(ThreadState *ts, const void *lock, int rc);
void OnDestroy(ThreadState *ts, const void *lock, uintptr_t pc);
// free(p) of memory that may hold locks (the page map says so, or this thread's first held lock
// lies in it): their lives end.
void OnFree(void *p, uintptr_t pc);
void ReportExitHolding(ThreadState *ts);

// --- waits other than locks (waits.cc) ------------------------------------------------------------
// The table of conditions, semaphores and barriers (addresses, who was seen signalling or posting
// them, semaphores' state, barriers' counts), and names of objects for reports.
bool WaitsInit();
// In a child after fork: the waits' internal lock is free again.
void WaitsAtForkChild();
void BeforeJoin(ThreadState *ts, pthread_t th, uintptr_t pc);
// A wait in wait_other is over (the real call returned).
inline void EndWait(ThreadState *ts) { ts->wait_kind.store(kWaitNone, std::memory_order_release); }
// A condition wait (after the lock path modelled the mutex's release): published for the
// watchdog unless timed; wait-holding checked.
void BeforeCondWaitObj(ThreadState *ts, const void *cond, const void *mutex, bool timed, uintptr_t pc);
void OnCondSignal(const void *cond, uintptr_t pc);
void OnCondInitOrDestroy(const void *cond);
void OnBarrierInit(const void *barrier, unsigned count);
void OnBarrierDestroy(const void *barrier);
void BeforeBarrierWait(ThreadState *ts, const void *barrier, uintptr_t pc);

// The watchdog's view of the objects (watchdog.cc): a signal semaphore or condition's posters or
// signallers seen (thread uids; false when none was seen or more than `max` were); a barrier's
// count; whether the object is shared with other processes (then no wait on it is hopeless).
bool ObjectSignallers(uintptr_t obj, uint32_t *uids, int max, int *n);
bool ObjectShared(uintptr_t obj, int kind);
// Whether a lock of type kSem at `addr` is still used as a lock.
bool SemIsLock(uintptr_t addr);

// --- semaphores (semaphores.cc) ------------------------------------------------------------------
// One call of sem_wait/trywait/timedwait/clockwait/post on `sem`, around the real call.
struct SemCall {
  ThreadState *ts;
  int how;         // what the hook does with the call (semaphores.cc)
  uint32_t slot;
  Held *h;
  const void *sem;
};
void SemInit(const void *sem, int pshared, unsigned value, uintptr_t pc);
void SemDestroy(const void *sem, uintptr_t pc);
void SemBeforeAcquire(SemCall *c, const void *sem, int acq, uintptr_t pc);
// True when a cancellation acting inside the real call would leave the hook's part of it
// undone (SemCancelled must then run as a cleanup handler around the call).
inline bool SemNeedsCleanup(const SemCall *c) { return c->how != 0; }
// The hook's after-half of a wait ended by cancellation (a cleanup handler: the lock not taken).
void SemCancelled(void *call);
void SemAfterAcquire(SemCall *c, const void *sem, int rc);
void SemBeforePost(SemCall *c, const void *sem, uintptr_t pc);
void SemAfterPost(SemCall *c, const void *sem, int rc);

// --- CPython (python.cc) --------------------------------------------------------------------------
// Frames of the Python interpreter are "pcs" with this tag; Symbolize reads them from the
// interned table. Never a code address (user space ends below 2^47).
constexpr uintptr_t kPyPcTag = uintptr_t{0xfff5} << 48;
inline bool IsPyPc(uintptr_t pc) { return (pc >> 48) == 0xfff5; }
void PythonInit();
// Is the call at return address `pc` made by the CPython interpreter?
bool FromPython(uintptr_t pc);
// Is `addr` in the interpreter's own image (its GIL, a condition and a mutex, live there)?
bool InPythonRuntime(uintptr_t addr);
// The calling thread's Python frames, innermost first, as tagged pcs (0 without the GIL, or
// without Python). Calls into the interpreter: the caller is inside the hook (Guard).
int PythonStack(uintptr_t *out, int max);
// The file, function and line of a tagged pc; false if unknown.
bool PythonFrame(uintptr_t pc, const char **file, const char **function, int *line);
// Does the Python source line of the tagged pc acquire a lock blocking (`with lock:`,
// `lock.acquire()`, with a timeout)? False for acquire(False), and for arguments only known at run
// time.
bool PythonBlockingAcquire(uintptr_t pc);

// The stack of the current call for a new edge or a report: the Python frames of the CPython
// lock call in progress if any, else the C stack (FullStack).
int StackHere(ThreadState *ts, uintptr_t *out, int max);

// --- threads (threads.cc) -------------------------------------------------------------------------
ThreadState *SelfSlow();
bool ThreadsInit();
// Does any thread hold the lock at `addr` (life `uid` in `slot`, or 0 when it has no node)?
// Reads the other threads' held sets without their cooperation (arrays are never unmapped):
// exact for a lock being destroyed, whose holders are not moving. With `lose`, a thread that
// holds it unresolved is told its record is lost. *found: a holder's record.
bool HeldByAnyThread(uintptr_t addr, uint32_t slot, uint32_t uid, bool lose, Held *found);
// The registry of live threads' states, for the watchdog and the held-set readers.
extern ThreadState **g_registry;
extern uint32_t g_registry_used;
extern std::atomic<uint32_t> g_clock;  // create/join order
int ThreadCreate(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg);
void ThreadJoined(pthread_t th);
void ThreadExit();
pid_t Fork();

// --- confirm mode (confirm.cc) -------------------------------------------------------------------
// Reads the plan of option `confirm` (at start-up); ConfirmOn() from then on when there is one.
void ConfirmInit();
extern bool g_confirm_on;
inline bool ConfirmOn() { return g_confirm_on; }
// A blocking acquisition with other locks held, before its wait is published (confirm mode only):
// pauses the thread when it stands at an edge of the plan's cycle.
void ConfirmPoint(ThreadState *ts, uint32_t slot, const Held *h);
// The plan's fingerprint when the actual deadlock `f` (names[k]: the lock blocked[k] waits for)
// is the plan's cycle: the same locks, made by threads that stood at its edges; else nullptr.
const char *ConfirmedFingerprint(const Finding &f, const char *const *names);
const char *ConfirmCycleText();

// --- the watchdog (watchdog.cc) -------------------------------------------------------------------
void StartWatchdog();
extern std::atomic<bool> g_watchdog_started;

extern LockNode *g_nodes;
extern ThreadInfo *g_threads;
extern uint32_t g_nthreads_info;
extern uint32_t g_main_uid;  // the uid of the process's main thread (0 until it takes a lock)
extern std::atomic<int> g_findings;

// report.cc
void ReportFinding(const Finding &f);  // serialised internally; never called with g_mu held
void ReportInit();
void ReportAtForkChild();
void ReportExitNotes();                 // at exit: findings hidden by the baseline
void ReportMessage(const char *text);   // a one-line notice "lockgraph: ..." on the text log
void FlushUserStdio();
bool SymbolizerWanted();

}  // namespace lg
#pragma GCC visibility pop

#endif  // LOCKGRAPH_RUNTIME_HOOK_HOOK_STATE_H_
