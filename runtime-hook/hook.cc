// The LD_PRELOAD interposer: every pthread lock call of the host program passes through here.
//
// The lock path (every lock and unlock of the host) is lock-free in the steady state and writes
// only the calling thread's own state. A lock taken with nothing else held is recorded by
// address (FirstAcquire; its node is looked up only if a second lock is taken on top of it); the
// unlock of the newest held lock compares an address. With other locks held: a lookup of the
// lock's node in an open-addressed table, then a look in the thread's cache, then the shared
// set, of already-validated "lock chains" (the held locks plus the new one, hashed as in the
// Linux kernel's lockdep), then the real call. Only a chain never seen before takes the global
// mutex g_mu to add edges to the lock-order graph and search for cycles.
//
// Rules of the house: no malloc, stdio or STL containers on the lock path; the thread-local
// guard `in_hook` makes every wrapper a plain forwarder while the hook itself runs; internal
// locks are futexes, not pthread mutexes; no limit aborts the host.
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <execinfo.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <new>

#include "graph.h"
#include "hook_state.h"
#include "internal.h"

extern "C" void *__libc_stack_end;
extern "C" void __libc_free(void *);

namespace lg {

Options g_opt = {
#define LG_OPTION(type, name, def, help) def,
#include "options.inc"
};

const char *FindingId(int kind) {
  static const char *const kIds[] = {
#define LOCKGRAPH_FINDING(e, id, desc) id,
#include "findings.inc"
  };
  return kind >= 0 && kind < kNumFindingKinds ? kIds[kind] : "unknown";
}

// ---------------------------------------------------------------------------------------------
// Real functions, resolved once in ResolveReal().
#define LG_REAL_FUNCTIONS(X)                                                                     \
  X(int, pthread_mutex_init, pthread_mutex_t *, const pthread_mutexattr_t *)                     \
  X(int, pthread_mutex_destroy, pthread_mutex_t *)                                               \
  X(int, pthread_mutex_lock, pthread_mutex_t *)                                                  \
  X(int, pthread_mutex_trylock, pthread_mutex_t *)                                               \
  X(int, pthread_mutex_timedlock, pthread_mutex_t *, const struct timespec *)                    \
  X(int, pthread_mutex_clocklock, pthread_mutex_t *, clockid_t, const struct timespec *)         \
  X(int, pthread_mutex_unlock, pthread_mutex_t *)                                                \
  X(int, pthread_rwlock_init, pthread_rwlock_t *, const pthread_rwlockattr_t *)                  \
  X(int, pthread_rwlock_destroy, pthread_rwlock_t *)                                             \
  X(int, pthread_rwlock_rdlock, pthread_rwlock_t *)                                              \
  X(int, pthread_rwlock_tryrdlock, pthread_rwlock_t *)                                           \
  X(int, pthread_rwlock_timedrdlock, pthread_rwlock_t *, const struct timespec *)                \
  X(int, pthread_rwlock_clockrdlock, pthread_rwlock_t *, clockid_t, const struct timespec *)     \
  X(int, pthread_rwlock_wrlock, pthread_rwlock_t *)                                              \
  X(int, pthread_rwlock_trywrlock, pthread_rwlock_t *)                                           \
  X(int, pthread_rwlock_timedwrlock, pthread_rwlock_t *, const struct timespec *)                \
  X(int, pthread_rwlock_clockwrlock, pthread_rwlock_t *, clockid_t, const struct timespec *)     \
  X(int, pthread_rwlock_unlock, pthread_rwlock_t *)                                              \
  X(int, pthread_spin_init, pthread_spinlock_t *, int)                                           \
  X(int, pthread_spin_destroy, pthread_spinlock_t *)                                             \
  X(int, pthread_spin_lock, pthread_spinlock_t *)                                                \
  X(int, pthread_spin_trylock, pthread_spinlock_t *)                                             \
  X(int, pthread_spin_unlock, pthread_spinlock_t *)                                              \
  X(int, pthread_cond_timedwait, pthread_cond_t *, pthread_mutex_t *, const struct timespec *)   \
  X(int, pthread_cond_wait, pthread_cond_t *, pthread_mutex_t *)                                 \
  X(int, pthread_cond_clockwait, pthread_cond_t *, pthread_mutex_t *, clockid_t,                 \
    const struct timespec *)                                                                     \
  X(int, pthread_create, pthread_t *, const pthread_attr_t *, void *(*)(void *), void *)         \
  X(int, pthread_join, pthread_t, void **)                                                       \
  X(void, pthread_exit, void *)                                                                  \
  X(pid_t, fork)

struct Real {
#define LG_DECLARE_REAL(ret, name, ...) ret (*name)(__VA_ARGS__);
  LG_REAL_FUNCTIONS(LG_DECLARE_REAL)
#undef LG_DECLARE_REAL
};
Real real;

namespace {

// The cond functions have two symbol versions in glibc; the unversioned dlsym would hand back
// the 2.2.5 one, built for the old pthread_cond_t layout.
void *ResolveOne(const char *name) {
  void *p = nullptr;
  if (StrStartsWith(name, "pthread_cond_") && !StrEq(name, "pthread_cond_clockwait"))
    p = dlvsym(RTLD_NEXT, name, "GLIBC_2.3.2");
  if (p == nullptr) p = dlsym(RTLD_NEXT, name);
  return p;
}

std::atomic<int> g_state{0};  // 0 not started, 1 starting, 2 ready, 3 disabled
InternalMutex g_mu;           // the graph, the node table's writers, thread records
Graph g_graph;

// --- lock table ------------------------------------------------------------------------------
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
std::atomic<IndexTable *> g_index{nullptr};
uint32_t g_index_max_bits;
uint32_t g_nodes_cap;
uint32_t g_nodes_used = 1;  // slot 0 is never used
uint32_t g_free_slot = 0;
uint32_t g_next_uid = 1;
uint32_t g_live_locks = 0;
bool g_locks_full_said = false;

// Pages holding live locks, so free() can tell cheaply whether a block held one.
struct PageEntry {
  std::atomic<uintptr_t> page;
  std::atomic<int> count;
};
constexpr uint32_t kPageBits = 16;
PageEntry *g_pages;
std::atomic<int> g_live_pages{0};

// --- chains ----------------------------------------------------------------------------------
std::atomic<uint64_t> *g_chains;
uint64_t g_chain_mask;
std::atomic<uint32_t> g_nchains{0};

// --- edges, threads ---------------------------------------------------------------------------
uint32_t g_nedges = 0;
bool g_edges_full_said = false;
std::atomic<uint32_t> g_clock{1};

constexpr uint32_t kMaxLive = 4096;  // live threads the watchdog can see
ThreadState *g_registry[kMaxLive];
uint32_t g_registry_used = 0;
uint32_t g_free_state = 0;  // index+1 into g_state_pool
ThreadState *g_state_pool[kMaxLive];
uint32_t g_state_pool_used = 0;

// Reported cycles (signature -> highest class reported), other findings by site.
constexpr uint32_t kSeenBits = 16;
std::atomic<uint64_t> *g_seen;

std::atomic<uint64_t> g_stat_locks{0}, g_stat_slow{0};

__thread ThreadState *t_state __attribute__((tls_model("initial-exec")));
__thread int t_busy __attribute__((tls_model("initial-exec")));  // before t_state exists

inline uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
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

IndexTable *NewIndexTable(uint32_t bits) {
  size_t bytes = 4096 + (size_t{1} << bits) * sizeof(IndexEntry);
  char *mem = static_cast<char *>(MapZeroed(bytes));
  if (mem == nullptr) return nullptr;
  IndexTable *t = reinterpret_cast<IndexTable *>(mem);
  t->bits = bits;
  t->mask = (uint64_t{1} << bits) - 1;
  t->shift = 64 - bits;
  t->entries = reinterpret_cast<IndexEntry *>(mem + 4096);
  return t;
}

// Returns true when it took the place of a deleted entry.
bool IndexPut(IndexTable *t, uintptr_t addr, uint32_t slot) {
  for (uint64_t i = IndexHash(addr) & t->mask;; i = (i + 1) & t->mask) {
    uint32_t cur = t->entries[i].load(std::memory_order_relaxed);
    if (cur == 0 || cur == kDeletedSlot) {
      t->entries[i].store(slot, std::memory_order_release);  // the node's addr is set already
      return cur == kDeletedSlot;
    }
  }
}

void PageAdd(uintptr_t addr, int delta) {
  uintptr_t page = addr >> 12;
  uint32_t mask = (1u << kPageBits) - 1;
  for (uint32_t i = static_cast<uint32_t>(Mix(page)) & mask, n = 0; n <= mask; i = (i + 1) & mask, ++n) {
    uintptr_t cur = g_pages[i].page.load(std::memory_order_relaxed);
    if (cur == page || cur == 0) {
      if (cur == 0) g_pages[i].page.store(page, std::memory_order_release);
      int before = g_pages[i].count.fetch_add(delta, std::memory_order_acq_rel);
      if (before == 0 && delta > 0) g_live_pages.fetch_add(1);
      if (before + delta == 0) g_live_pages.fetch_sub(1);
      return;
    }
  }
}

bool PageHasLocks(uintptr_t page) {
  uint32_t mask = (1u << kPageBits) - 1;
  for (uint32_t i = static_cast<uint32_t>(Mix(page)) & mask, n = 0; n <= mask; i = (i + 1) & mask, ++n) {
    uintptr_t cur = g_pages[i].page.load(std::memory_order_acquire);
    if (cur == page) return g_pages[i].count.load(std::memory_order_acquire) > 0;
    if (cur == 0) return false;
  }
  return false;
}

int ReadMutexType(const void *m) {
  // glibc's pthread_mutex_t keeps the type in __data.__kind (stable x86-64/aarch64 ABI).
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

void RetireEdgesLocked(Edge *dead);
void RebuildIndexLocked(uint32_t bits);
uint32_t g_index_deleted = 0;

// Creates the node for `addr` (g_mu held). 0 when the table is full.
uint32_t CreateNodeLocked(uintptr_t addr, uint8_t type, uint8_t flags, const uintptr_t *site,
                          int nsite) {
  uint32_t slot = FindSlot(addr);
  if (slot != 0) return slot;
  if (g_free_slot != 0) {
    slot = g_free_slot;
    g_free_slot = g_nodes[slot].next_free;
  } else if (g_nodes_used < g_nodes_cap) {
    slot = g_nodes_used++;
  } else {
    if (!g_locks_full_said) {
      g_locks_full_said = true;
      ReportMessage("lockgraph: max_locks reached: locks created from now on are not tracked "
                    "(raise LOCKGRAPH_OPTIONS=max_locks=N)");
    }
    return 0;
  }
  LockNode &n = g_nodes[slot];
  n.uid = g_next_uid++;
  n.type = type;
  n.flags = flags;
  n.site_len = static_cast<uint8_t>(nsite);
  for (int i = 0; i < nsite; ++i) n.site[i] = site[i];
  RetireEdgesLocked(g_graph.ResetNode(slot, n.uid));
  n.addr.store(addr, std::memory_order_release);
  IndexTable *t = g_index.load(std::memory_order_relaxed);
  if ((uint64_t{g_live_locks} + g_index_deleted + 1) * 2 > t->mask + 1) {
    uint32_t bits = t->bits;
    while (bits < g_index_max_bits && (uint64_t{g_live_locks} + 1) * 3 > (uint64_t{1} << bits)) ++bits;
    RebuildIndexLocked(bits);
    t = g_index.load(std::memory_order_relaxed);
  }
  if (IndexPut(t, addr, slot)) --g_index_deleted;
  ++g_live_locks;
  PageAdd(addr, 1);
  return slot;
}

// Rebuilds the index with 2^bits entries, without the deleted ones, and swaps it in (g_mu held).
// Readers still probing the old table see its entries zeroed (MADV_DONTNEED), miss, and retry in
// the new one.
// Retired tables are never unmapped (a reader may still be in one); one retired two rebuilds of
// its size ago is reused (zeroed already), so lock churn does not pile up mappings.
IndexTable *g_retired[64][2];
int g_nretired[64];

void RebuildIndexLocked(uint32_t bits) {
  IndexTable *fresh;
  if (g_nretired[bits] == 2) {
    fresh = g_retired[bits][0];
    g_retired[bits][0] = g_retired[bits][1];
    g_nretired[bits] = 1;
  } else {
    fresh = NewIndexTable(bits);
    if (fresh == nullptr) return;  // keep the old one: probes get longer, nothing breaks
  }
  IndexTable *old = g_index.load(std::memory_order_relaxed);
  for (uint64_t k = 0; k <= old->mask; ++k) {
    uint32_t slot = old->entries[k].load(std::memory_order_relaxed);
    if (slot != 0 && slot != kDeletedSlot)
      IndexPut(fresh, g_nodes[slot].addr.load(std::memory_order_relaxed), slot);
  }
  g_index.store(fresh, std::memory_order_release);
  madvise(old->entries, (old->mask + 1) * sizeof(IndexEntry), MADV_DONTNEED);
  if (g_nretired[old->bits] < 2) g_retired[old->bits][g_nretired[old->bits]++] = old;
  g_index_deleted = 0;
}

// Ends the life of the lock at `addr` (g_mu held).
void ForgetNodeLocked(uintptr_t addr) {
  IndexTable *t = g_index.load(std::memory_order_relaxed);
  for (uint64_t i = IndexHash(addr) & t->mask;; i = (i + 1) & t->mask) {
    uint32_t slot = t->entries[i].load(std::memory_order_relaxed);
    if (slot == 0) return;
    if (slot != kDeletedSlot && g_nodes[slot].addr.load(std::memory_order_relaxed) == addr) {
      t->entries[i].store(kDeletedSlot, std::memory_order_release);
      LockNode &n = g_nodes[slot];
      n.addr.store(0, std::memory_order_release);
      RetireEdgesLocked(g_graph.ResetNode(slot, 0));  // its edges leave the graph
      n.uid = 0;
      n.next_free = g_free_slot;
      g_free_slot = slot;
      --g_live_locks;
      PageAdd(addr, -1);
      if (++g_index_deleted > (t->mask + 1) / 4) RebuildIndexLocked(t->bits);
      return;
    }
  }
}

// --- stacks ----------------------------------------------------------------------------------
// Walks the frame-pointer chain from the wrapper's frame, bounded by the thread's stack; frames
// compiled without frame pointers end the walk early or are dropped when symbolized.
__attribute__((always_inline)) inline int CallerPcs(ThreadState *ts, uintptr_t *pcs, int max) {
  pcs[0] = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
  int n = 1;
  uintptr_t *fp = static_cast<uintptr_t *>(__builtin_frame_address(0));
  uintptr_t lo = reinterpret_cast<uintptr_t>(fp), hi = ts->stack_hi;
  fp = reinterpret_cast<uintptr_t *>(fp[0]);  // the caller's frame
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

// The full stack for a new edge (slow path), without the hook's own frames.
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

// --- threads ---------------------------------------------------------------------------------
uint32_t NewThreadInfoLocked(int tid, uint32_t creator, uint32_t clock) {
  if (g_nthreads_info + 1 >= static_cast<uint32_t>(g_opt.max_threads)) return 0;
  uint32_t uid = ++g_nthreads_info;
  ThreadInfo &ti = g_threads[uid];
  ti.tid = tid;
  ti.creator = creator;
  ti.created_clock = clock;
  return uid;
}

ThreadState *NewThreadState(uint32_t uid, uintptr_t stack_hi) {
  ThreadState *ts = nullptr;
  InternalLockGuard guard(g_mu);
  if (g_free_state != 0) {
    ts = g_state_pool[g_free_state - 1];
    g_free_state = ts->next_free;
  } else if (g_state_pool_used < kMaxLive) {
    ts = static_cast<ThreadState *>(ArenaAlloc(sizeof(ThreadState)));
    if (ts == nullptr) return nullptr;
    g_state_pool[g_state_pool_used++] = ts;
    ts->next_free = 0;
    ts->registry_index = g_state_pool_used;  // pool index + 1
    ts->cap = 16;
    ts->held = ts->inline_held;
  } else {
    return nullptr;
  }
  // A reused state keeps its held array (it may have grown): the watchdog may still be
  // reading it, so held arrays are never unmapped.
  ts->tid = GetTid();
  ts->uid = uid;
  ts->in_hook = 0;
  ts->nheld = 0;
  memset(ts->slot_memo, 0, sizeof(ts->slot_memo));
  ts->stack_hi = stack_hi;
  ts->wait_slot.store(0);
  if (uid != 0) {
    g_threads[uid].tid = ts->tid;
    g_threads[uid].pthread = static_cast<uintptr_t>(pthread_self());
  }
  g_registry[ts->registry_index - 1] = ts;
  if (ts->registry_index > g_registry_used) g_registry_used = ts->registry_index;
  return ts;
}

void ReleaseThreadState(ThreadState *ts) {
  InternalLockGuard guard(g_mu);
  if (ts->uid != 0) g_threads[ts->uid].exited = true;
  ts->nheld = 0;
  ts->tid = 0;
  g_registry[ts->registry_index - 1] = nullptr;
  uint32_t idx = 0;
  for (uint32_t i = 0; i < g_state_pool_used; ++i)
    if (g_state_pool[i] == ts) idx = i + 1;
  ts->next_free = g_free_state;
  g_free_state = idx;
}

bool EnsureInit();

// The calling thread's state, made on first use (threads the hook did not see being created).
ThreadState *SelfSlow();

__attribute__((always_inline)) inline ThreadState *Self() {
  ThreadState *ts = t_state;
  if (__builtin_expect(ts != nullptr, 1)) return ts;
  return SelfSlow();
}

// The end of the mapping that holds `sp` (the top of a thread's stack, with glibc's descriptor
// above it): /proc/self/maps read in place, no allocation. 0 when not found.
uintptr_t MappingEnd(uintptr_t sp) {
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[4096];
  size_t have = 0;
  uintptr_t end_found = 0;
  for (;;) {
    ssize_t r = read(fd, buf + have, sizeof(buf) - have);
    if (r <= 0) break;
    have += static_cast<size_t>(r);
    size_t line = 0;
    for (size_t i = 0; i < have; ++i) {
      if (buf[i] != '\n') continue;
      uintptr_t lo = 0, hi = 0;  // "lo-hi perms ..."
      size_t j = line;
      for (; j < i && buf[j] != '-'; ++j)
        lo = lo * 16 + static_cast<uintptr_t>(buf[j] <= '9' ? buf[j] - '0' : buf[j] - 'a' + 10);
      for (++j; j < i && buf[j] != ' '; ++j)
        hi = hi * 16 + static_cast<uintptr_t>(buf[j] <= '9' ? buf[j] - '0' : buf[j] - 'a' + 10);
      if (sp >= lo && sp < hi) end_found = hi;
      line = i + 1;
    }
    if (end_found != 0) break;
    memmove(buf, buf + line, have - line);  // keep the partial last line
    have -= line;
    if (have == sizeof(buf)) have = 0;  // a line longer than the buffer: drop it
  }
  close(fd);
  return end_found;
}

__attribute__((noinline)) ThreadState *SelfSlow() {
  ThreadState *ts;
  if (t_busy || !EnsureInit()) return nullptr;
  t_busy = 1;
  uint32_t uid;
  {
    InternalLockGuard guard(g_mu);
    uid = NewThreadInfoLocked(GetTid(), 0, 0);
    if (GetTid() == getpid()) g_main_uid = uid;
  }
  // A thread the hook did not see start: its stack ends where the mapping holding this frame
  // ends (a frame-pointer walk never reads past it). The main thread's is known.
  uintptr_t sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t hi = GetTid() == getpid() ? reinterpret_cast<uintptr_t>(__libc_stack_end) : MappingEnd(sp);
  if (hi == 0) hi = (sp & ~uintptr_t{4095}) + 4096;  // unknown: walk no further than this page
  ts = NewThreadState(uid, hi);
  t_state = ts;
  t_busy = 0;
  return ts;
}

__attribute__((noinline)) bool GrowHeld(ThreadState *ts) {
  uint32_t cap = ts->cap * 2;
  Held *mem = static_cast<Held *>(MapZeroed(cap * sizeof(Held)));
  if (mem == nullptr) return false;
  memcpy(mem, ts->held, ts->nheld * sizeof(Held));
  // The old array is not unmapped: the watchdog reads other threads' held sets without
  // their cooperation. Growth doubles, so what is kept is less than the array in use.
  // Other threads read cap, then held (HeldArray): they never pair the old array with the new
  // capacity.
  __atomic_store_n(&ts->held, mem, __ATOMIC_RELEASE);
  __atomic_store_n(&ts->cap, cap, __ATOMIC_RELEASE);
  return true;
}

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

void RechainFrom(ThreadState *ts, uint32_t from) {
  for (uint32_t i = from; i < ts->nheld; ++i)
    ts->held[i].chain =
        ChainStep(i ? ts->held[i - 1].chain : ts->uid, ts->held[i].uid, ts->held[i].mode) & ~kReentryBit;
}

int FindHeld(ThreadState *ts, uint32_t slot, uint32_t uid) {
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

// Does any thread hold the lock at `addr` (life `uid` in `slot`, or 0 when it has no node)?
// Reads the other threads' held sets without their cooperation (arrays are never unmapped):
// exact for a lock being destroyed, whose holders are not moving. With `lose`, a thread that
// holds it unresolved is told its record is lost. *found: a holder's record.
bool HeldByAnyThread(uintptr_t addr, uint32_t slot, uint32_t uid, bool lose, Held *found);

// --- findings --------------------------------------------------------------------------------
bool SeenOnce(uint64_t key) {
  bool full = false;
  return SetInsert(g_seen, (1u << kSeenBits) - 1, key, &full) || full;
}

void FillLocks(Finding &f, const uint32_t *slots, int n) {
  f.nlocks = n;
  for (int i = 0; i < n; ++i) {
    f.lock_slots[i] = slots[i];
    f.lock_uids[i] = g_nodes[slots[i]].uid;
  }
}

// A finding about the current thread at its current call site (misuse kinds, self-deadlock,
// wait-holding); reported once per kind, lock and call site.
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
  f.stack_len = FullStack(f.stack, g_opt.stack_depth < kMaxStack ? g_opt.stack_depth : kMaxStack);
  if (with_held) {
    for (uint32_t i = 0; i < ts->nheld && f.nheld < 8; ++i) f.held[f.nheld++] = ts->held[i];
  }
  ReportFinding(f);
}

bool Ordered(const Witness &a, const Witness &b) {
  // True when every event of a's thread up to a's edge happened before b's edge: a's thread was
  // joined before b's thread was created, or joined by b's thread before it made b's edge, or b's
  // thread was created by a's thread after a's edge.
  if (a.thread == 0 || b.thread == 0) return false;
  const ThreadInfo &ta = g_threads[a.thread], &tb = g_threads[b.thread];
  if (ta.joined_clock != 0 &&
      (ta.joined_clock < tb.created_clock || (ta.joiner == b.thread && b.clock >= ta.joined_clock)))
    return true;
  if (tb.creator == a.thread && a.clock < tb.created_clock) return true;
  return false;
}

enum CycleClass { kNotDeadlock = 0, kLatent = 1, kReal = 2 };

// `wit` (n entries) receives, per edge, the witness to show: for a real cycle, two acquisitions
// by threads that can run at the same time.
int Classify(const Edge *const *edges, int n, uint8_t *wit) {
  for (int i = 0; i < n; ++i) wit[i] = 0;
  // Every edge must be able to block: a lock that the cycle only ever takes and holds shared
  // (a reader-preferring rwlock read on both sides) lets its waiter through.
  for (int i = 0; i < n; ++i)
    if (!edges[i]->exclusive && !edges[(i + 1) % n]->from_exclusive) return kNotDeadlock;
  // A gate: one lock held around every edge of the cycle serialises them all.
  for (int g = 0; g < edges[0]->ngates; ++g) {
    uint32_t gate = edges[0]->gates[g];
    bool everywhere = true;
    for (int i = 1; i < n && everywhere; ++i) {
      bool has = false;
      for (int k = 0; k < edges[i]->ngates; ++k) has |= edges[i]->gates[k] == gate;
      everywhere = has;
    }
    if (everywhere) return kNotDeadlock;
  }
  for (int i = 0; i < n; ++i) {
    if (edges[i]->many_threads) return kReal;
    for (int j = i + 1; j < n; ++j)
      for (int a = 0; a < edges[i]->nwitness; ++a)
        for (int b = 0; b < edges[j]->nwitness; ++b) {
          const Witness &wa = edges[i]->witness[a], &wb = edges[j]->witness[b];
          if (wa.thread != wb.thread && !Ordered(wa, wb) && !Ordered(wb, wa)) {
            wit[i] = static_cast<uint8_t>(a);
            wit[j] = static_cast<uint8_t>(b);
            return kReal;
          }
        }
  }
  return kLatent;
}

struct PendingCycle {
  int cls;
  int n;
  const Edge *edges[kMaxCycle];
  uint8_t wit[kMaxCycle];  // the witness of each edge to show
};

// Classifies the cycle `path` + `closing` and decides whether it is news (g_mu held).
constexpr int kMaxLatent = 256;
PendingCycle g_latent[kMaxLatent];
uint64_t g_latent_sig[kMaxLatent];
int g_nlatent = 0;

constexpr int kMaxLockRecords = 1024;
LockRecord g_lock_records[kMaxLockRecords];
std::atomic<int> g_nlock_records{0};

void RecordLockLocked(uint32_t slot) {
  const LockNode &n = g_nodes[slot];
  int k = g_nlock_records.load(std::memory_order_relaxed);
  for (int i = 0; i < k; ++i)
    if (g_lock_records[i].uid == n.uid) return;
  if (k == kMaxLockRecords) return;
  LockRecord &r = g_lock_records[k];
  r.uid = n.uid;
  r.addr = n.addr.load(std::memory_order_relaxed);
  r.site_len = n.site_len;
  memcpy(r.site, n.site, sizeof(r.site));
  g_nlock_records.store(k + 1, std::memory_order_release);
}

bool ConsiderCycle(Edge *closing, Edge **path, int len, PendingCycle *out) {
  if (len <= 0 || len >= kMaxCycle) return false;
  const Edge *cyc[kMaxCycle];
  int n = 0;
  cyc[n++] = closing;
  for (int i = 0; i < len; ++i) cyc[n++] = path[i];
  uint8_t wit[kMaxCycle];
  int cls = Classify(cyc, n, wit);
  if (cls == kNotDeadlock) return false;
  if (cls == kLatent && !g_opt.report_latent) return false;
  uint64_t sig = 0;
  for (int i = 0; i < n; ++i) sig += Mix((static_cast<uint64_t>(cyc[i]->from_uid) << 32) | cyc[i]->to_uid);
  if (!SeenOnce(Mix(sig ^ static_cast<uint64_t>(cls)))) return false;
  if (cls == kLatent) {
    // Held back until exit: a later edge from another thread often turns it into a real
    // inversion, and then only that is reported.
    if (g_nlatent < kMaxLatent) {
      g_latent_sig[g_nlatent] = sig;
      PendingCycle &l = g_latent[g_nlatent++];
      l.cls = cls;
      l.n = n;
      for (int i = 0; i < n; ++i) {
        l.edges[i] = cyc[i];
        l.wit[i] = 0;
        const_cast<Edge *>(cyc[i])->pinned = true;  // read at exit, even if its locks die
        RecordLockLocked(cyc[i]->from);
      }
    }
    return false;
  }
  // Report in the order the locks are met from the lowest-uid lock, so "A => B => A" reads in
  // creation order whichever edge closed the cycle.
  int start = 0;
  for (int i = 1; i < n; ++i)
    if (cyc[i]->from_uid < cyc[start]->from_uid) start = i;
  // cyc is: closing (x->y), then y ~> x. That is already cycle order.
  out->cls = cls;
  out->n = n;
  for (int i = 0; i < n; ++i) {
    out->edges[i] = cyc[(start + i) % n];
    out->wit[i] = wit[(start + i) % n];
  }
  return true;
}

void ReportCycle(const PendingCycle &pc) {
  static Finding f;
  static InternalMutex mu;
  InternalLockGuard guard(mu);
  memset(&f, 0, sizeof(f));
  f.kind = pc.cls == kReal ? kLockOrderInversion : kLatentLockOrder;
  f.nedges = pc.n;
  for (int i = 0; i < pc.n; ++i) {
    f.edges[i] = pc.edges[i];
    f.evidence[i] = pc.wit[i] < pc.edges[i]->nwitness ? pc.edges[i]->witness[pc.wit[i]].ev : nullptr;
  }
  ReportFinding(f);
}

// Reports the latent cycles that never became real inversions (at exit, or before the watchdog
// ends a deadlocked process).
void FlushLatent() {
  static PendingCycle todo[kMaxLatent];
  int n = 0;
  {
    InternalLockGuard guard(g_mu);
    for (int i = 0; i < g_nlatent; ++i)
      if (!SetContains(g_seen, (1u << kSeenBits) - 1, Mix(g_latent_sig[i] ^ static_cast<uint64_t>(kReal))))
        todo[n++] = g_latent[i];
    g_nlatent = 0;
  }
  for (int i = 0; i < n; ++i) {
    PendingCycle &pc = todo[i];
    int start = 0;
    for (int k = 1; k < pc.n; ++k)
      if (pc.edges[k]->from_uid < pc.edges[start]->from_uid) start = k;
    PendingCycle rotated = pc;
    for (int k = 0; k < pc.n; ++k) {
      rotated.edges[k] = pc.edges[(start + k) % pc.n];
      rotated.wit[k] = pc.wit[(start + k) % pc.n];
    }
    ReportCycle(rotated);
  }
}

// Returns the witness added for `thread`, or nullptr (already a witness, or no room).
Witness *AddWitness(Edge *e, uint32_t thread, uint32_t clock, bool *changed) {
  for (int i = 0; i < e->nwitness; ++i)
    if (e->witness[i].thread == thread) return nullptr;
  if (e->nwitness < kMaxWitnesses) {
    *changed = true;
    Witness *w = &e->witness[e->nwitness++];
    *w = Witness{thread, clock, nullptr};
    return w;
  }
  if (!e->many_threads) {
    e->many_threads = true;
    *changed = true;
  }
  return nullptr;
}

void IntersectGates(Edge *e, ThreadState *ts, uint32_t to_uid, bool *changed) {
  // The gates of an edge are the locks held at every one of its acquisitions, except its ends.
  if (!e->gates_known) {
    e->gates_known = true;
    for (uint32_t i = 0; i < ts->nheld && e->ngates < kMaxGates; ++i) {
      uint32_t u = ts->held[i].uid;
      if (u != e->from_uid && u != to_uid) e->gates[e->ngates++] = u;
    }
    return;
  }
  uint8_t kept = 0;
  for (int g = 0; g < e->ngates; ++g) {
    bool held = false;
    for (uint32_t i = 0; i < ts->nheld && !held; ++i) held = ts->held[i].uid == e->gates[g];
    if (held) e->gates[kept++] = e->gates[g];
  }
  if (kept != e->ngates) *changed = true;
  e->ngates = kept;
}

// Edges by (from uid, to uid), open addressing (g_mu held). uids are never reused, so a dead
// lock's edges never match; they are deleted when their lock dies (a tombstone, swept out when
// tombstones fill a quarter of the table).
uint64_t *g_edge_keys;
Edge **g_edge_vals;
uint64_t g_edge_mask;
uint64_t g_edge_used = 0;  // live entries
uint64_t g_edge_tombs = 0;
uint32_t g_edge_max_bits;  // the table grows (doubling) up to 2^g_edge_max_bits entries
constexpr uint64_t kEdgeTomb = ~uint64_t{0};  // never a key: uids stay below 2^32 - 1

inline uint64_t EdgeKey(uint32_t from_uid, uint32_t to_uid) {
  return (static_cast<uint64_t>(from_uid) << 32) | to_uid;
}

Edge *EdgeFind(uint32_t from_uid, uint32_t to_uid) {
  uint64_t key = EdgeKey(from_uid, to_uid);
  for (uint64_t i = Mix(key) & g_edge_mask;; i = (i + 1) & g_edge_mask) {
    if (g_edge_keys[i] == key) return g_edge_vals[i];
    if (g_edge_keys[i] == 0) return nullptr;
  }
}

// Returns true when it took a tombstone's place.
bool EdgePut(uint64_t *keys, Edge **vals, uint64_t mask, uint64_t key, Edge *e) {
  for (uint64_t i = Mix(key) & mask;; i = (i + 1) & mask) {
    if (keys[i] == 0 || keys[i] == kEdgeTomb) {
      bool tomb = keys[i] == kEdgeTomb;
      keys[i] = key;
      vals[i] = e;
      return tomb;
    }
  }
}

// Rebuilds the table with 2^bits entries, without tombstones (g_mu held; only ever read under
// it, so the old arrays can go at once). The table starts small and grows with the edges: a
// table sized for max_edges up front costs a page fault per new edge.
void EdgeRehash(uint32_t bits) {
  size_t n = size_t{1} << bits;
  uint64_t *keys = static_cast<uint64_t *>(MapZeroed(n * sizeof(uint64_t)));
  Edge **vals = static_cast<Edge **>(MapZeroed(n * sizeof(Edge *)));
  if (keys == nullptr || vals == nullptr) {  // keep the old table: probes get longer
    if (keys) munmap(keys, n * sizeof(uint64_t));
    if (vals) munmap(vals, n * sizeof(Edge *));
    return;
  }
  size_t old_n = g_edge_mask + 1;
  for (size_t i = 0; i < old_n; ++i)
    if (g_edge_keys[i] != 0 && g_edge_keys[i] != kEdgeTomb)
      EdgePut(keys, vals, n - 1, g_edge_keys[i], g_edge_vals[i]);
  munmap(g_edge_keys, old_n * sizeof(uint64_t));
  munmap(g_edge_vals, old_n * sizeof(Edge *));
  g_edge_keys = keys;
  g_edge_vals = vals;
  g_edge_mask = n - 1;
  g_edge_tombs = 0;
}

void EdgeRemember(Edge *e) {
  uint64_t size = g_edge_mask + 1;
  if ((g_edge_used + g_edge_tombs + 1) * 2 > size) {
    uint32_t bits = 0;
    while ((uint64_t{1} << bits) < size) ++bits;
    if ((g_edge_used + 1) * 4 > size && bits < g_edge_max_bits) ++bits;
    EdgeRehash(bits);
    if (g_edge_used + g_edge_tombs + 2 >= g_edge_mask + 1) return;  // no memory to grow: not indexed
  }
  if (EdgePut(g_edge_keys, g_edge_vals, g_edge_mask, EdgeKey(e->from_uid, e->to_uid), e)) --g_edge_tombs;
  ++g_edge_used;
}

void EdgeForget(const Edge *e) {
  uint64_t key = EdgeKey(e->from_uid, e->to_uid);
  for (uint64_t i = Mix(key) & g_edge_mask;; i = (i + 1) & g_edge_mask) {
    if (g_edge_keys[i] == 0) return;
    if (g_edge_keys[i] == key && g_edge_vals[i] == e) {
      g_edge_keys[i] = kEdgeTomb;
      g_edge_vals[i] = nullptr;
      ++g_edge_tombs;
      --g_edge_used;
      return;
    }
  }
}

// Dead edges and their extra evidence are reused, unless a report may still read them: a latent
// cycle waiting for exit pins its edges; while a cycle report is being written (g_mu not held)
// nothing is reused.
Edge *g_free_edges = nullptr;
Evidence *g_free_evidence = nullptr;  // chained through the first word
std::atomic<int> g_reports_in_flight{0};

Edge *NewEdgeLocked() {
  Edge *e = g_free_edges;
  if (e != nullptr) {
    g_free_edges = e->next_out;
    memset(static_cast<void *>(e), 0, sizeof(Edge));
    return e;
  }
  return static_cast<Edge *>(ArenaAlloc(sizeof(Edge)));
}

Evidence *NewEvidenceLocked() {
  Evidence *ev = g_free_evidence;
  if (ev != nullptr) {
    // A free Evidence keeps the next free one in its first bytes.
    memcpy(static_cast<void *>(&g_free_evidence), static_cast<const void *>(ev), sizeof(Evidence *));
    return ev;
  }
  return static_cast<Evidence *>(ArenaAlloc(sizeof(Evidence)));
}

void RetireEdgesLocked(Edge *dead) {
  bool reuse = g_reports_in_flight.load(std::memory_order_acquire) == 0;
  while (dead != nullptr) {
    Edge *e = dead;
    dead = e->next_out;
    EdgeForget(e);
    --g_nedges;
    if (!reuse || e->pinned) continue;
    for (int i = 0; i < e->nwitness; ++i) {
      Evidence *ev = const_cast<Evidence *>(e->witness[i].ev);
      if (ev == nullptr) continue;
      memcpy(static_cast<void *>(ev), static_cast<const void *>(&g_free_evidence), sizeof(Evidence *));
      g_free_evidence = ev;
    }
    e->next_out = g_free_edges;
    g_free_edges = e;
  }
}

bool HeldExclusive(const Held &h) {
  const LockNode &n = g_nodes[h.slot];
  return !(n.type == kRwlock && h.mode == kModeRead && !(n.flags & kWriterPreferring));
}

// The chain set is a cache of validated held-lock chains; chains of dead locks never match
// again, so under lock churn it fills. Then it is emptied (a miss only costs a slow path).
void ClearChains(bool force) {
  InternalLockGuard guard(g_mu);
  if (!force && g_nchains.load(std::memory_order_relaxed) <= g_chain_mask / 2) return;  // done meanwhile
  madvise(g_chains, (g_chain_mask + 1) * sizeof(uint64_t), MADV_DONTNEED);
  g_nchains.store(0, std::memory_order_relaxed);
}

// The slow path: a chain of held locks this thread has not validated before (g_mu not held).
__attribute__((noinline)) void NewChain(ThreadState *ts, uint32_t slot, uint32_t uid, uint8_t mode,
                                        uint8_t lock_flags, uint8_t lock_type) {
  g_stat_slow.fetch_add(1, std::memory_order_relaxed);
  PendingCycle pending[4];
  int npending = 0;
  uintptr_t stack[kMaxStack];
  int stack_len = -1;
  bool exclusive = !(lock_type == kRwlock && mode == kModeRead && !(lock_flags & kWriterPreferring));
  uint32_t clock = g_clock.load(std::memory_order_relaxed);
  {
    InternalLockGuard guard(g_mu);
    if (g_nodes[slot].uid != uid) return;  // destroyed meanwhile
    // As in lockdep, an edge comes only from the most recent blocking acquisition still held
    // (and any trylocks above it): the older held locks already reach it through the graph, so
    // 1000 nested locks make 999 edges, not half a million.
    for (int i = static_cast<int>(ts->nheld) - 1; i >= 0; --i) {
      Held &h = ts->held[i];
      if (h.uid == uid || g_nodes[h.slot].uid != h.uid) continue;
      if (Stale(h)) continue;  // released behind this thread's back (an unlock by another thread)
      bool last = !h.tried;
      Edge *e = EdgeFind(h.uid, uid);
      if (e != nullptr && !(g_nodes[e->from].uid == e->from_uid && g_nodes[e->to].uid == e->to_uid)) e = nullptr;
      bool changed = false;
      Edge *path[kMaxCycle];
      int len = 0;
      if (e == nullptr) {
        if (g_nedges >= static_cast<uint32_t>(g_opt.max_edges)) {
          if (!g_edges_full_said) {
            g_edges_full_said = true;
            ReportMessage("lockgraph: max_edges reached: new lock orders are not recorded "
                          "(raise LOCKGRAPH_OPTIONS=max_edges=N)");
          }
          continue;
        }
        e = NewEdgeLocked();
        if (e == nullptr) continue;
        ++g_nedges;
        e->from = h.slot;
        e->to = slot;
        e->from_uid = h.uid;
        e->to_uid = uid;
        e->tid = ts->tid;
        e->thread = ts->uid;
        e->exclusive = exclusive;
        e->from_exclusive = HeldExclusive(h);
        if (stack_len < 0) {
          int depth = g_opt.stack_depth < kMaxStack ? g_opt.stack_depth : kMaxStack;
          stack_len = FullStack(stack, depth);
        }
        e->stack_len = static_cast<uint8_t>(stack_len);
        memcpy(e->stack, stack, sizeof(uintptr_t) * stack_len);
        e->held_len = h.npcs;
        memcpy(e->held_pcs, h.pcs, sizeof(uintptr_t) * h.npcs);
        AddWitness(e, ts->uid, clock, &changed);
        IntersectGates(e, ts, uid, &changed);
        len = g_graph.Insert(e, path, kMaxCycle - 1);
        EdgeRemember(e);
      } else {
        if (Witness *w = AddWitness(e, ts->uid, clock, &changed)) {
          // A second thread's acquisition: kept, so that a report can show the two that can meet.
          Evidence *ev = NewEvidenceLocked();
          if (ev != nullptr) {
            if (stack_len < 0) {
              int depth = g_opt.stack_depth < kMaxStack ? g_opt.stack_depth : kMaxStack;
              stack_len = FullStack(stack, depth);
            }
            ev->tid = ts->tid;
            ev->thread = ts->uid;
            ev->stack_len = static_cast<uint8_t>(stack_len);
            memcpy(ev->stack, stack, sizeof(uintptr_t) * stack_len);
            ev->held_len = h.npcs;
            memcpy(ev->held_pcs, h.pcs, sizeof(uintptr_t) * h.npcs);
            w->ev = ev;
          }
        }
        IntersectGates(e, ts, uid, &changed);
        if (exclusive && !e->exclusive) {
          e->exclusive = true;
          changed = true;
        }
        if (HeldExclusive(h) && !e->from_exclusive) {
          e->from_exclusive = true;
          changed = true;
        }
        // New evidence on a known edge can turn a latent or gated cycle into a real one.
        if (changed && g_graph.HasBackEdges()) len = g_graph.FindPath(slot, h.slot, path, kMaxCycle - 1);
      }
      if (len > 0 && npending < 4 && ConsiderCycle(e, path, len, &pending[npending])) ++npending;
      if (last) break;
    }
    if (npending > 0) g_reports_in_flight.fetch_add(1, std::memory_order_acq_rel);
  }
  if (npending == 0) return;
  for (int i = 0; i < npending; ++i) ReportCycle(pending[i]);
  g_reports_in_flight.fetch_sub(1, std::memory_order_acq_rel);
}

void StartWatchdog();

// --- the lock path ---------------------------------------------------------------------------
struct Guard {
  explicit Guard(ThreadState *ts) : ts_(ts) { ++ts_->in_hook; }
  ~Guard() { --ts_->in_hook; }
  ThreadState *ts_;
};

__attribute__((always_inline)) inline ThreadState *Enter() {
  if (__builtin_expect(g_state.load(std::memory_order_acquire) != 2, 0) && !EnsureInit())
    return nullptr;
  ThreadState *ts = Self();
  if (ts == nullptr || ts->in_hook) return nullptr;
  return ts;
}

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

// A lock seen for the first time (a static initializer, or init not seen), taken at `site`.
// Reads nothing of the lock's memory (it may be gone by now).
uint32_t NewNodeAt(uintptr_t addr, uint8_t type, uint8_t flags, const uintptr_t *site, int nsite) {
  InternalLockGuard guard(g_mu);
  return CreateNodeLocked(addr, type, flags, site, nsite < kSitePcs ? nsite : kSitePcs);
}

__attribute__((noinline)) uint32_t NewNode(const void *lock, uint8_t type, ThreadState *ts) {
  uintptr_t site[kSitePcs + 1];
  int n = CallerPcs(ts, site, kSitePcs + 1);  // site[0] is in the wrapper: dropped
  return NewNodeAt(reinterpret_cast<uintptr_t>(lock), type, ReadLockFlags(lock, type), site + 1,
                   n > 1 ? n - 1 : 0);
}

enum Acq { kAcqBlocking = 0, kAcqTry = 1 };


// A chain this thread's cache does not know. The shared set knows the chains this thread
// validated before (keys start from the thread's uid), fresh ones and re-entries apart; a chain
// new to both is checked: is the lock already held by this thread (a re-entry, a
// self-deadlock), and if not, are the chain's edges in the graph?
__attribute__((noinline)) void UncachedChain(ThreadState *ts, uint32_t slot, uint8_t type,
                                             uint8_t mode, Held *h, uint64_t *set) {
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
      Guard g(ts);  // a mutex re-taken by its owner, or a rwlock written while held
      ReportHere(ts, kSelfDeadlock, &slot, 1, h->pcs[0], true);
      StartWatchdog();  // the call below never returns: let the watchdog end the process
      return;
    }
  }
  if (h->count != 0) {
    Guard g(ts);
    NewChain(ts, slot, h->uid, mode, n.flags, type);
  }
  bool full = false;
  SetInsert(g_chains, g_chain_mask, key, &full);
  if (full || g_nchains.fetch_add(1, std::memory_order_relaxed) > g_chain_mask / 2)
    ClearChains(full);
  *mine = h->count != 0 ? h->chain : h->chain | kReentryBit;
}

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
  if (slot == 0 && !lost) slot = NewNodeAt(h.addr, h.type, KindFlags(h.kind), h.pcs, h.npcs);
  if (slot == 0) {  // gone, or no room for a node: the record goes
    memmove(&ts->held[0], &ts->held[1], (ts->nheld - 1) * sizeof(Held));
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

// An acquisition with nothing else held: no edge can start or end here, and the thread cannot
// be part of a deadlock while it waits, so the record is its address, mode and where it was
// taken; the lock's node is not even looked up (ResolveFirst does that, if ever needed).
__attribute__((always_inline)) inline Held *FirstAcquire(ThreadState *ts, const void *lock,
                                                        uint8_t type, uint8_t mode, Acq acq) {
  Held *h = ts->held;  // never smaller than 16
  h->addr = reinterpret_cast<uintptr_t>(lock);
  h->uid = 0;
  h->slot = 0;
  h->release_seq = ts->lost_epoch.load(std::memory_order_relaxed);
  h->count = 1;
  h->mode = mode;
  h->type = type;
  h->kind = type == kMutex ? static_cast<uint8_t>(ReadMutexType(lock)) : 0;  // the line the real call takes anyway
  h->tried = acq == kAcqTry;
  h->npcs = static_cast<uint8_t>(CallerPcs(ts, h->pcs, kHeldPcs));
  return h;
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
    if (set[0] == (c | kReentryBit) || set[1] == (c | kReentryBit))
      h->count = 0;
    else
      UncachedChain(ts, slot, type, mode, h, set);
  }
  if (h->count == 0) return slot;  // a re-entry does not wait (nor does an error-checking re-lock)
  ts->wait_rec = h;
  ts->wait_seq.store(ts->wait_seq.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  ts->wait_slot.store(slot + 1, std::memory_order_release);
  return slot;
}

__attribute__((always_inline)) inline void AfterAcquire(ThreadState *ts, uint32_t slot, Held *h,
                                                        int rc) {
  ts->wait_slot.store(0, std::memory_order_relaxed);
  if (rc != 0 || slot == 0) return;
  if (__builtin_expect(h->count == 0, 0)) {  // recursive re-entry
    int i = FindHeld(ts, slot, h->uid);
    if (i >= 0) ++ts->held[i].count;
    return;
  }
  h->release_seq = g_nodes[slot].release_seq.load(std::memory_order_relaxed);
  PushHeld(ts, h);
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
}

void ReportUnheld(ThreadState *ts, uint32_t slot, uintptr_t pc) {
  if (!g_opt.detect_misuse) return;
  Guard g(ts);
  ReportHere(ts, kUnlockUnheld, &slot, 1, pc, false);
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

void OnLockInit(ThreadState *ts, const void *lock, uint8_t type, uint8_t flags) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(lock);
  uintptr_t site[kSitePcs];
  int n = CallerPcs(ts, site, kSitePcs);
  HeldByAnyThread(addr, 0, 0, /*lose=*/true, nullptr);  // a holder's record of the old life is lost
  InternalLockGuard guard(g_mu);
  ForgetNodeLocked(addr);  // a re-init starts a new life
  CreateNodeLocked(addr, type, flags | kSiteInit, site, n);
}

// --- process-level -----------------------------------------------------------------------------
void ExitHandler() {
  ThreadState *ts = t_state;
  if (ts) ts->in_hook = 1;
  FlushLatent();
  ReportExitNotes();
  if (g_opt.print_stats) {
    char text[512];
    Buf b(text, sizeof(text));
    b.Str("lockgraph: stats: locks ").UDec(g_next_uid - 1).Str(" (live ").UDec(g_live_locks)
        .Str("), edges ").UDec(g_nedges).Str(", chains ").UDec(g_nchains.load())
        .Str(", slow paths ").UDec(g_stat_slow.load()).Str(", threads ").UDec(g_nthreads_info)
        .Str(", arena ").UDec(ArenaBytesUsed() / 1024).Str(" KiB");
    ReportMessage(b.c_str());
  }
  if (g_findings.load() > 0 && g_opt.exitcode != 0) {
    FlushUserStdio();
    _exit(g_opt.exitcode);
  }
}

void Watchdog();

void *WatchdogMain(void *) {
  t_busy = 1;  // the watchdog is never a tracked thread: no state, no thread number
  Watchdog();
  return nullptr;
}

std::atomic<bool> g_watchdog_started{false};

void StartWatchdog() {
  if (g_opt.watchdog_ms <= 0 || g_watchdog_started.exchange(true)) return;
  pthread_t th;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  // Block signals in the watchdog so the host's handlers never run on it.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  if (real.pthread_create(&th, &attr, WatchdogMain, nullptr) != 0) g_watchdog_started = false;
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  pthread_attr_destroy(&attr);
}

void ParseOptions();

bool EnsureInit() {
  int s = g_state.load(std::memory_order_acquire);
  if (s == 2) return true;
  if (s == 3) return false;
  int expected = 0;
  if (!g_state.compare_exchange_strong(expected, 1)) {
    // Another thread (or this one, re-entered through dlsym) is starting: act as a forwarder.
    while (g_state.load(std::memory_order_acquire) == 1) {
      if (t_busy) return false;
      sched_yield();
    }
    return g_state.load() == 2;
  }
  t_busy = 1;
#define LG_RESOLVE(ret, name, ...) \
  real.name = reinterpret_cast<ret (*)(__VA_ARGS__)>(ResolveOne(#name));
  LG_REAL_FUNCTIONS(LG_RESOLVE)
#undef LG_RESOLVE
  ParseOptions();
  uint32_t max_locks = g_opt.max_locks > 16 ? static_cast<uint32_t>(g_opt.max_locks) : 16;
  uint32_t bits = 1;
  while ((1u << bits) < 2 * max_locks) ++bits;
  g_index_max_bits = bits;
  g_index.store(NewIndexTable(bits < 12 ? bits : 12), std::memory_order_release);
  g_nodes_cap = max_locks + 1;
  g_nodes = static_cast<LockNode *>(MapZeroed(size_t{g_nodes_cap} * sizeof(LockNode)));
  g_pages = static_cast<PageEntry *>(MapZeroed((size_t{1} << kPageBits) * sizeof(PageEntry)));
  uint32_t cbits = 16;
  while ((1u << cbits) < 2u * static_cast<uint32_t>(g_opt.max_edges) && cbits < 26) ++cbits;
  g_edge_max_bits = cbits;
  g_edge_keys = static_cast<uint64_t *>(MapZeroed(size_t{1} << 12 << 3));
  g_edge_vals = static_cast<Edge **>(MapZeroed(size_t{1} << 12 << 3));
  g_edge_mask = (uint64_t{1} << 12) - 1;
  // The chain cache is probed on every nested acquisition: kept small (2 MiB at most, emptied
  // when half full) so that its probes stay in the caches and the TLB.
  uint32_t chain_bits = cbits < 18 ? cbits : 18;
  g_chains = static_cast<std::atomic<uint64_t> *>(MapZeroed((size_t{1} << chain_bits) * 8));
  g_chain_mask = (uint64_t{1} << chain_bits) - 1;
  g_seen = static_cast<std::atomic<uint64_t> *>(MapZeroed((size_t{1} << kSeenBits) * 8));
  g_threads = static_cast<ThreadInfo *>(MapZeroed(size_t(g_opt.max_threads + 1) * sizeof(ThreadInfo)));
  bool ok = real.pthread_mutex_lock && real.pthread_mutex_unlock && real.pthread_create &&
            g_index.load() && g_nodes && g_pages && g_chains && g_edge_keys && g_edge_vals && g_seen && g_threads &&
            g_graph.Init(g_nodes_cap);
  if (!ok) {
    static const char msg[] = "lockgraph: cannot start (out of memory or symbols missing); "
                              "running the program without checks\n";
    WriteAll(2, msg, sizeof(msg) - 1);
    g_state.store(3);
    t_busy = 0;
    return false;
  }
  dl_iterate_phdr(FindSelf, nullptr);
  void *warm[4];
  backtrace(warm, 4);  // loads the unwinder now, not inside a lock wrapper
  ReportInit();
  atexit(ExitHandler);
  g_state.store(2, std::memory_order_release);
  t_busy = 0;
  return true;
}

void ParseOptions() {
  static char text[4096];
  const char *env = getenv("LOCKGRAPH_OPTIONS");
  if (env == nullptr) return;
  StrCopy(text, sizeof(text), env);
  bool help = false;
  char *p = text;
  while (*p) {
    char *key = p;
    while (*p && *p != ':' && *p != ' ' && *p != ',') ++p;
    if (*p) *p++ = 0;
    if (*key == 0) continue;
    char *val = key;
    while (*val && *val != '=') ++val;
    if (*val) *val++ = 0;
    bool known = false;
#define LG_SET_bool(name) g_opt.name = !(StrEq(val, "0") || StrEq(val, "false") || StrEq(val, "no"));
#define LG_SET_int(name) g_opt.name = static_cast<int>(strtol(val, nullptr, 0));
#define LG_SET_str(name) g_opt.name = val;
#define LG_OPTION(type, name, def, help) \
  if (StrEq(key, #name)) {               \
    known = true;                        \
    LG_SET_##type(name)                  \
  }
#include "options.inc"
    if (!known) {
      char msg[256];
      Buf b(msg, sizeof(msg));
      b.Str("lockgraph: unknown option '").Str(key).Str("' in LOCKGRAPH_OPTIONS (help=1 lists them)\n");
      WriteAll(2, b.c_str(), b.size());
    }
    help |= g_opt.help;
  }
  if (help) {
    char line[1024];
#define LG_OPTION(type, name, def, help)                                                   \
  {                                                                                        \
    Buf b(line, sizeof(line));                                                             \
    b.Str("  ").Str(#name).Str(" (" #type ", default ").Str(#def).Str(")\n      ").Str(help).Char('\n'); \
    WriteAll(2, b.c_str(), b.size());                                                      \
  }
    static const char head[] = "lockgraph runtime hook options (LOCKGRAPH_OPTIONS=\"k=v:k=v\"):\n";
    WriteAll(2, head, sizeof(head) - 1);
#include "options.inc"
    _exit(0);
  }
  if (g_opt.stack_depth > kMaxStack) g_opt.stack_depth = kMaxStack;
  if (g_opt.stack_depth < 1) g_opt.stack_depth = 1;
}

// --- the watchdog: actual deadlocks ------------------------------------------------------------
bool HeldByAnyThread(uintptr_t addr, uint32_t slot, uint32_t uid, bool lose, Held *found) {
  bool any = false;
  for (uint32_t i = 0; i < g_registry_used; ++i) {
    ThreadState *r = g_registry[i];
    if (r == nullptr) continue;
    const Held *held;
    uint32_t nh = HeldArray(r, &held);
    for (uint32_t j = 0; j < nh; ++j) {
      const Held &h = held[j];
      if (h.addr != addr) continue;
      if (h.uid == 0) {  // unresolved: taken with nothing else held, the lock now at `addr`
        if (r->lost_epoch.load(std::memory_order_relaxed) != h.release_seq) continue;
        if (lose) r->lost_epoch.fetch_add(1, std::memory_order_relaxed);
      } else if (h.slot != slot || h.uid != uid || Stale(h)) {
        continue;
      }
      if (found) *found = h;
      any = true;
      break;
    }
  }
  return any;
}

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
      _exit(g_opt.deadlock_exitcode);
    }
    last_sig = ~found_sig;  // reported: wait for a different deadlock
    while (true) {
      nanosleep(&ts, nullptr);
      if (g_findings.load() < 0) break;  // never: keep the reported deadlock quiet
    }
  }
}

// --- pthread_create / join / exit, fork -------------------------------------------------------
struct StartArgs {
  void *(*fn)(void *);
  void *arg;
  uint32_t uid;
  StartArgs *next_free;
};
StartArgs *g_free_args = nullptr;

void ThreadEnd(ThreadState *ts) {
  if (ts->nheld > 0 && g_opt.detect_misuse && ResolveFirst(ts)) {
    uint32_t slots[8];
    int n = 0;
    for (uint32_t i = 0; i < ts->nheld && n < 8; ++i)
      if (g_nodes[ts->held[i].slot].uid == ts->held[i].uid && !Stale(ts->held[i]))
        slots[n++] = ts->held[i].slot;
    ++ts->in_hook;
    if (n > 0) ReportHere(ts, kExitHolding, slots, n, ts->held[0].pcs[0], true);
    --ts->in_hook;
  }
  t_state = nullptr;
  ReleaseThreadState(ts);
}

void *ThreadStart(void *p) {
  StartArgs *sa = static_cast<StartArgs *>(p);
  void *(*fn)(void *) = sa->fn;
  void *arg = sa->arg;
  uint32_t uid = sa->uid;
  {
    InternalLockGuard guard(g_mu);
    sa->next_free = g_free_args;
    g_free_args = sa;
  }
  t_state = NewThreadState(uid, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
  void *ret = fn(arg);
  if (t_state) ThreadEnd(t_state);
  return ret;
}

}  // namespace

const LockRecord *FindLockRecord(uint32_t uid) {
  int k = g_nlock_records.load(std::memory_order_acquire);
  for (int i = 0; i < k; ++i)
    if (g_lock_records[i].uid == uid) return &g_lock_records[i];
  return nullptr;
}

}  // namespace lg

using namespace lg;  // NOLINT: the interceptors below are the C ABI

#define LG_EXPORT extern "C" __attribute__((visibility("default")))

// One shape for every acquisition: before-hook, real call, after-hook.
#define LG_ACQUIRE(TYPE, MODE, ACQ, LOCK, CALL)                                   \
  ThreadState *ts = Enter();                                                      \
  if (ts == nullptr) return CALL;                                                 \
  if (NothingHeld(ts)) {                                                          \
    FirstAcquire(ts, LOCK, TYPE, MODE, ACQ);                                      \
    int rc = CALL;                                                                \
    if (rc == 0) ts->nheld = 1;                                                   \
    return rc;                                                                    \
  }                                                                               \
  Held *h = NextHeld(ts);                                                         \
  uint32_t slot = BeforeAcquire(ts, LOCK, TYPE, MODE, ACQ, h);                    \
  int rc = CALL;                                                                  \
  AfterAcquire(ts, slot, h, rc);                                                  \
  return rc;

// An unlock: the newest held lock is dropped inline, without even a frame (the real unlock is a
// tail call); anything else goes through UnlockSlow_<fn>, which has the whole story.
#define LG_RELEASE(FN, T, ARG, LOCK)                                                   \
  namespace lg {                                                                       \
  namespace {                                                                          \
  __attribute__((noinline)) int UnlockSlow_##FN(T ARG) {                               \
    if (real.FN == nullptr && !EnsureInit()) return ENOSYS;                            \
    ThreadState *ts = Enter();                                                         \
    if (ts != nullptr && !BeforeRelease(ts, LOCK)) {                                   \
      int rc = real.FN(ARG);                                                           \
      AfterUnheldRelease(ts, LOCK, rc, reinterpret_cast<uintptr_t>(__builtin_return_address(0))); \
      return rc;                                                                       \
    }                                                                                  \
    return real.FN(ARG);                                                               \
  }                                                                                    \
  }                                                                                    \
  }                                                                                    \
  LG_EXPORT int FN(T ARG) {                                                            \
    ThreadState *ts = t_state;                                                         \
    if (__builtin_expect(ts != nullptr, 1) && !ts->in_hook &&                          \
        g_state.load(std::memory_order_acquire) == 2) {                                \
      uint32_t n = ts->nheld;                                                          \
      if (__builtin_expect(n != 0, 1)) {                                               \
        Held &h = ts->held[n - 1];                                                     \
        if (__builtin_expect(h.addr == reinterpret_cast<uintptr_t>(LOCK) && h.count == 1, 1)) { \
          ts->nheld = n - 1;                                                           \
          return real.FN(ARG);                                                         \
        }                                                                              \
      }                                                                                \
    }                                                                                  \
    return UnlockSlow_##FN(ARG);                                                       \
  }

// Every acquisition. The common case - the thread holds nothing else - is inline: a record of
// the address and where it was taken, the real call, a count. Anything else goes to
// LockSlow_<fn> by a tail call, so its frame stands where the wrapper's did (its stack walk sees
// the same callers).
#define LG_LOCK_FN(FN, TYPE, MODE, ACQ, LOCK, PARAMS, ARGS)                             \
  namespace lg {                                                                        \
  namespace {                                                                           \
  __attribute__((noinline)) int LockSlow_##FN PARAMS {                                  \
    LG_NEED(FN);                                                                        \
    LG_ACQUIRE(TYPE, MODE, ACQ, LOCK, real.FN ARGS)                                     \
  }                                                                                     \
  }                                                                                     \
  }                                                                                     \
  LG_EXPORT int FN PARAMS {                                                             \
    ThreadState *ts = t_state;                                                          \
    if (__builtin_expect(ts != nullptr, 1) && ts->nheld == 0 && !ts->in_hook &&         \
        g_state.load(std::memory_order_acquire) == 2) {                                 \
      FirstAcquire(ts, LOCK, TYPE, MODE, ACQ);                                          \
      int rc = real.FN ARGS;                                                            \
      if (__builtin_expect(rc == 0, 1)) ts->nheld = 1;                                  \
      return rc;                                                                        \
    }                                                                                   \
    [[clang::musttail]] return LockSlow_##FN ARGS;                                      \
  }

#define LG_NEED(name) \
  if (real.name == nullptr && !EnsureInit()) return ENOSYS;

LG_EXPORT int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a) {
  if (real.pthread_mutex_init == nullptr && !EnsureInit()) {
    // Called while the hook resolves its symbols (or before): glibc's mutex init is plain
    // stores, so do them here.
    memset(m, 0, sizeof(*m));
    if (a) {
      int type = 0;
      pthread_mutexattr_gettype(a, &type);
      m->__data.__kind = type;
    }
    return 0;
  }
  int rc = real.pthread_mutex_init(m, a);
  ThreadState *ts = Enter();
  if (ts && rc == 0) {
    OnLockInit(ts, m, kMutex, ReadLockFlags(m, kMutex));
  }
  return rc;
}

LG_EXPORT int pthread_mutex_destroy(pthread_mutex_t *m) {
  LG_NEED(pthread_mutex_destroy);
  ThreadState *ts = Enter();
  if (ts) OnDestroy(ts, m, reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
  return real.pthread_mutex_destroy(m);
}

LG_LOCK_FN(pthread_mutex_lock, kMutex, kModeWrite, kAcqBlocking, m, (pthread_mutex_t *m), (m))
LG_LOCK_FN(pthread_mutex_trylock, kMutex, kModeWrite, kAcqTry, m, (pthread_mutex_t *m), (m))
LG_LOCK_FN(pthread_mutex_timedlock, kMutex, kModeWrite, kAcqBlocking, m, (pthread_mutex_t *m, const struct timespec *t), (m, t))
LG_LOCK_FN(pthread_mutex_clocklock, kMutex, kModeWrite, kAcqBlocking, m, (pthread_mutex_t *m, clockid_t c, const struct timespec *t), (m, c, t))
LG_RELEASE(pthread_mutex_unlock, pthread_mutex_t *, m, m)

LG_EXPORT int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *a) {
  LG_NEED(pthread_rwlock_init);
  int rc = real.pthread_rwlock_init(l, a);
  ThreadState *ts = Enter();
  if (ts && rc == 0) {
    int kind = PTHREAD_RWLOCK_PREFER_READER_NP;
    if (a) pthread_rwlockattr_getkind_np(a, &kind);
    OnLockInit(ts, l, kRwlock, kind == PTHREAD_RWLOCK_PREFER_READER_NP ? 0 : kWriterPreferring);
  }
  return rc;
}
LG_EXPORT int pthread_rwlock_destroy(pthread_rwlock_t *l) {
  LG_NEED(pthread_rwlock_destroy);
  ThreadState *ts = Enter();
  if (ts) OnDestroy(ts, l, reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
  return real.pthread_rwlock_destroy(l);
}
LG_LOCK_FN(pthread_rwlock_rdlock, kRwlock, kModeRead, kAcqBlocking, l, (pthread_rwlock_t *l), (l))
LG_LOCK_FN(pthread_rwlock_tryrdlock, kRwlock, kModeRead, kAcqTry, l, (pthread_rwlock_t *l), (l))
LG_LOCK_FN(pthread_rwlock_timedrdlock, kRwlock, kModeRead, kAcqBlocking, l, (pthread_rwlock_t *l, const struct timespec *t), (l, t))
LG_LOCK_FN(pthread_rwlock_clockrdlock, kRwlock, kModeRead, kAcqBlocking, l, (pthread_rwlock_t *l, clockid_t c, const struct timespec *t), (l, c, t))
LG_LOCK_FN(pthread_rwlock_wrlock, kRwlock, kModeWrite, kAcqBlocking, l, (pthread_rwlock_t *l), (l))
LG_LOCK_FN(pthread_rwlock_trywrlock, kRwlock, kModeWrite, kAcqTry, l, (pthread_rwlock_t *l), (l))
LG_LOCK_FN(pthread_rwlock_timedwrlock, kRwlock, kModeWrite, kAcqBlocking, l, (pthread_rwlock_t *l, const struct timespec *t), (l, t))
LG_LOCK_FN(pthread_rwlock_clockwrlock, kRwlock, kModeWrite, kAcqBlocking, l, (pthread_rwlock_t *l, clockid_t c, const struct timespec *t), (l, c, t))
LG_RELEASE(pthread_rwlock_unlock, pthread_rwlock_t *, l, l)

static inline const void *SpinAddr(pthread_spinlock_t *l) { return const_cast<const int *>(l); }

LG_EXPORT int pthread_spin_init(pthread_spinlock_t *l, int pshared) {
  LG_NEED(pthread_spin_init);
  int rc = real.pthread_spin_init(l, pshared);
  ThreadState *ts = Enter();
  if (ts && rc == 0) OnLockInit(ts, SpinAddr(l), kSpin, 0);
  return rc;
}
LG_EXPORT int pthread_spin_destroy(pthread_spinlock_t *l) {
  LG_NEED(pthread_spin_destroy);
  ThreadState *ts = Enter();
  if (ts) OnDestroy(ts, SpinAddr(l), reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
  return real.pthread_spin_destroy(l);
}
LG_LOCK_FN(pthread_spin_lock, kSpin, kModeWrite, kAcqBlocking, SpinAddr(l), (pthread_spinlock_t *l), (l))
LG_LOCK_FN(pthread_spin_trylock, kSpin, kModeWrite, kAcqTry, SpinAddr(l), (pthread_spinlock_t *l), (l))
LG_RELEASE(pthread_spin_unlock, pthread_spinlock_t *, l, SpinAddr(l))

namespace lg {
namespace {
// A condition wait releases the mutex and re-takes it inside glibc, bypassing the wrappers: model
// both halves here.
void BeforeCondWait(ThreadState *ts, pthread_mutex_t *m, uintptr_t pc) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(m);
  ResolveFirst(ts);  // the report below names every held lock
  bool holds_m = false;
  for (uint32_t i = 0; i < ts->nheld; ++i) holds_m |= ts->held[i].addr == addr;
  if (g_opt.detect_wait_holding && ts->nheld > (holds_m ? 1u : 0u)) {
    uint32_t slot = FindSlot(addr);
    if (slot != 0) {
      uint32_t slots[8];
      int n = 0;
      slots[n++] = slot;
      for (uint32_t i = 0; i < ts->nheld && n < 8; ++i)
        if (ts->held[i].addr != addr) slots[n++] = ts->held[i].slot;
      Guard g(ts);
      ReportHere(ts, kWaitHolding, slots, n, pc, true);
    }
  }
  if (holds_m) ReleaseOther(ts, addr);
}

__attribute__((always_inline)) inline void AfterCondWait(ThreadState *ts, pthread_mutex_t *m) {
  if (NothingHeld(ts)) {
    FirstAcquire(ts, m, kMutex, kModeWrite, kAcqBlocking);
    ts->nheld = 1;
    return;
  }
  Held *h = NextHeld(ts);
  uint32_t slot = BeforeAcquire(ts, m, kMutex, kModeWrite, kAcqBlocking, h);
  AfterAcquire(ts, slot, h, 0);
}
}  // namespace
}  // namespace lg

#define LG_COND_WAIT(CALL)                                                                   \
  ThreadState *ts = Enter();                                                                 \
  if (ts == nullptr) return CALL;                                                            \
  BeforeCondWait(ts, m, reinterpret_cast<uintptr_t>(__builtin_return_address(0)));           \
  int rc = CALL;                                                                             \
  AfterCondWait(ts, m);                                                                      \
  return rc;

LG_EXPORT int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
  LG_NEED(pthread_cond_wait);
  LG_COND_WAIT(real.pthread_cond_wait(c, m))
}
LG_EXPORT int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *t) {
  LG_NEED(pthread_cond_timedwait);
  LG_COND_WAIT(real.pthread_cond_timedwait(c, m, t))
}
LG_EXPORT int pthread_cond_clockwait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t k,
                                     const struct timespec *t) {
  LG_NEED(pthread_cond_clockwait);
  LG_COND_WAIT(real.pthread_cond_clockwait(c, m, k, t))
}

LG_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
  LG_NEED(pthread_create);
  ThreadState *ts = Enter();
  if (ts == nullptr) return real.pthread_create(th, attr, fn, arg);
  StartWatchdog();
  StartArgs *sa;
  uint32_t uid;
  {
    InternalLockGuard guard(g_mu);
    sa = g_free_args;
    if (sa)
      g_free_args = sa->next_free;
    else
      sa = static_cast<StartArgs *>(ArenaAlloc(sizeof(StartArgs)));
    uid = NewThreadInfoLocked(0, ts->uid, g_clock.fetch_add(1) + 1);
  }
  if (sa == nullptr) return real.pthread_create(th, attr, fn, arg);
  sa->fn = fn;
  sa->arg = arg;
  sa->uid = uid;
  int rc = real.pthread_create(th, attr, ThreadStart, sa);
  if (rc != 0) {
    InternalLockGuard guard(g_mu);
    sa->next_free = g_free_args;
    g_free_args = sa;
  }
  return rc;
}

LG_EXPORT int pthread_join(pthread_t th, void **ret) {
  LG_NEED(pthread_join);
  int rc = real.pthread_join(th, ret);
  ThreadState *ts = Enter();
  if (ts && rc == 0) {
    InternalLockGuard guard(g_mu);
    for (uint32_t u = g_nthreads_info; u >= 1; --u) {
      ThreadInfo &ti = g_threads[u];
      if (ti.pthread == static_cast<uintptr_t>(th) && ti.joined_clock == 0) {
        ti.joined_clock = g_clock.fetch_add(1) + 1;
        ti.joiner = ts->uid;
        break;
      }
    }
  }
  return rc;
}

LG_EXPORT void pthread_exit(void *ret) {
  if (real.pthread_exit == nullptr) EnsureInit();
  ThreadState *ts = t_state;
  if (ts && !ts->in_hook && g_state.load() == 2 && GetTid() != getpid()) ThreadEnd(ts);
  real.pthread_exit(ret);
  __builtin_unreachable();
}

LG_EXPORT pid_t fork(void) {
  if (real.fork == nullptr && !EnsureInit()) return -1;
  ThreadState *ts = Enter();
  if (ts == nullptr) return real.fork();
  // Hold the hook's locks across fork so the child gets them in a consistent state.
  g_mu.Lock();
  pid_t pid = real.fork();
  if (pid == 0) {
    new (&g_mu) InternalMutex();
    ts->tid = GetTid();
    g_main_uid = ts->uid;  // the forking thread is the child's main thread
    // Only this thread lives on in the child: drop the others' records.
    for (uint32_t i = 0; i < g_registry_used; ++i)
      if (g_registry[i] && g_registry[i] != ts) g_registry[i] = nullptr;
    g_watchdog_started = false;
    ReportAtForkChild();
  } else {
    g_mu.Unlock();
  }
  return pid;
}

// Memory that held a lock never destroyed (std::mutex never calls destroy) ends its life when
// freed, so a new lock at the same address starts clean.
LG_EXPORT void free(void *p) {
  // A lock this thread holds with nothing else held has no node yet (the page map does not
  // know it): freeing its memory is a destroy while held.
  if (ThreadState *me = t_state; p != nullptr && me != nullptr && me->nheld != 0 &&
                                 me->held[0].uid == 0 && !me->in_hook &&
                                 me->held[0].addr >= reinterpret_cast<uintptr_t>(p)) {
    uintptr_t a = me->held[0].addr, off = a - reinterpret_cast<uintptr_t>(p);
    if (off < (uintptr_t{1} << 30) && off < malloc_usable_size(p))
      OnDestroy(me, reinterpret_cast<void *>(a), reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
  }
  if (p != nullptr && g_live_pages.load(std::memory_order_relaxed) > 0 &&
      g_state.load(std::memory_order_acquire) == 2) {
    uintptr_t lo = reinterpret_cast<uintptr_t>(p);
    uintptr_t hi = lo + malloc_usable_size(p);
    bool any = false;
    for (uintptr_t page = lo >> 12; page <= (hi - 1) >> 12 && !any; ++page) any = PageHasLocks(page);
    if (any) {
      ThreadState *ts = Enter();
      for (uintptr_t a = lo; a < hi; a += 8) {
        if (FindSlot(a) == 0) continue;
        if (ts) {
          OnDestroy(ts, reinterpret_cast<void *>(a), reinterpret_cast<uintptr_t>(__builtin_return_address(0)));
        } else {
          InternalLockGuard guard(g_mu);
          ForgetNodeLocked(a);
        }
      }
    }
  }
  __libc_free(p);
}
