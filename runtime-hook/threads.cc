// Threads and processes: the record of every thread ever seen (ThreadInfo: creator, create and
// join clocks, for the ordering that makes a cycle latent), the state of every live thread
// (ThreadState: its held set and caches; the registry the watchdog and the held-set readers
// walk), and what pthread_create/join/exit and fork mean to them.
//
// A thread's state is released however the thread ends - returning, pthread_exit, cancellation,
// a lock in a thread_local or key destructor, a thread the hook did not see start - by the
// destructor of a thread-specific key, which the C library runs after the thread's thread_local
// destructors. Live states have no fixed limit below max_threads; a limit reached is said once.
//
// Must not: run on the lock path (a thread's state is made once, on its first lock or at its
// start), or report except through misuse.cc (exit-holding).
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cstring>
#include <new>

#include "hook_state.h"
#include "interceptors.h"
#include "lock_path.h"

extern "C" void *__libc_stack_end;

namespace lg {

__thread ThreadState *t_state __attribute__((tls_model("initial-exec")));
__thread int t_busy __attribute__((tls_model("initial-exec")));

ThreadInfo *g_threads;
uint32_t g_nthreads_info = 0;
uint32_t g_main_uid = 0;
std::atomic<uint32_t> g_clock{1};

// The registry: a state's index in it is its index in the pool (states are reused, never freed).
ThreadState **g_registry;
uint32_t g_registry_used = 0;

namespace {

uint32_t g_registry_cap;
uint32_t g_free_state = 0;  // index+1 into g_state_pool
ThreadState **g_state_pool;
uint32_t g_state_pool_used = 0;
bool g_infos_full_said = false;
bool g_states_full_said = false;
pthread_key_t g_state_key;
bool g_state_key_ok = false;

uint32_t NewThreadInfoLocked(int tid, uint32_t creator, uint32_t clock) {
  if (g_nthreads_info + 1 >= static_cast<uint32_t>(g_opt.max_threads)) {
    if (!g_infos_full_said) {
      g_infos_full_said = true;
      ReportMessage("lockgraph: max_threads threads seen: threads started from now on are not ordered "
                    "by create/join (their cycles count as concurrent; raise LOCKGRAPH_OPTIONS=max_threads=N)");
    }
    return 0;
  }
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
  } else {
    if (g_state_pool_used < g_registry_cap) ts = static_cast<ThreadState *>(ArenaAlloc(sizeof(ThreadState)));
    if (ts == nullptr) {
      if (!g_states_full_said) {
        g_states_full_said = true;
        ReportMessage("lockgraph: no room for another live thread's state (max_threads, or memory): "
                      "threads started from now on are not checked");
      }
      return nullptr;
    }
    g_state_pool[g_state_pool_used++] = ts;
    ts->next_free = 0;
    ts->registry_index = g_state_pool_used;  // pool index + 1
    ts->cap = 16;
    ts->held = ts->inline_held;
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
  // A state released mid-wait (its thread cancelled in a join, a condition or semaphore wait)
  // starts with no wait.
  ts->wait_first.store(0);
  ts->wait_kind.store(kWaitNone);
  ts->sem_purge_seen = ts->sem_purge.load();
  ts->py_for = 0;
  ts->py_npcs = 0;
  ts->last_signal.store(0, std::memory_order_relaxed);
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
  ts->next_free = g_free_state;
  g_free_state = ts->registry_index;
}

// The state is the thread's until it ends, however it ends: the key's destructor releases it.
void AttachState(ThreadState *ts) {
  t_state = ts;
  if (ts == nullptr || !g_state_key_ok) return;
  ++ts->in_hook;  // pthread_setspecific may allocate: its locks are not this thread's
  pthread_setspecific(g_state_key, ts);
  --ts->in_hook;
}

// The end of the mapping that holds `sp` (the top of a thread's stack, with glibc's descriptor
// above it): /proc/self/maps read in place, no allocation. 0 when not found.
uintptr_t MappingEnd(uintptr_t sp) {
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  static char buf[4096];  // under g_mu
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

struct StartArgs {
  void *(*fn)(void *);
  void *arg;
  uint32_t uid;
  StartArgs *next_free;
};
StartArgs *g_free_args = nullptr;

void ThreadEnd(ThreadState *ts) {
  if (ts->tid != getpid()) ReportExitHolding(ts);  // the main thread's end is the process's
  t_state = nullptr;
  HookWork work(nullptr);
  ReleaseThreadState(ts);
}

// Runs after the thread's thread_local destructors, whatever ended it. A lock taken by a later
// key destructor makes a new state, released in the next round.
void StateKeyDestructor(void *p) {
  ThreadState *ts = static_cast<ThreadState *>(p);
  if (ts != nullptr && t_state == ts) ThreadEnd(ts);
}

void *ThreadStart(void *p) {
  StartArgs *sa = static_cast<StartArgs *>(p);
  void *(*fn)(void *) = sa->fn;
  void *arg = sa->arg;
  uint32_t uid = sa->uid;
  {
    HookWork work(nullptr);
    InternalLockGuard guard(g_mu);
    sa->next_free = g_free_args;
    g_free_args = sa;
  }
  AttachState(NewThreadState(uid, reinterpret_cast<uintptr_t>(__builtin_frame_address(0))));
  void *ret = fn(arg);
  if (!g_state_key_ok && t_state) ThreadEnd(t_state);  // no key: at least a return is seen
  return ret;
}

}  // namespace

bool ThreadsInit() {
  g_registry_cap = static_cast<uint32_t>(g_opt.max_threads);
  g_threads = static_cast<ThreadInfo *>(MapZeroed((size_t{g_registry_cap} + 1) * sizeof(ThreadInfo)));
  g_registry = static_cast<ThreadState **>(MapZeroed(size_t{g_registry_cap} * sizeof(ThreadState *)));
  g_state_pool = static_cast<ThreadState **>(MapZeroed(size_t{g_registry_cap} * sizeof(ThreadState *)));
  g_state_key_ok = pthread_key_create(&g_state_key, StateKeyDestructor) == 0;
  return g_threads != nullptr && g_registry != nullptr && g_state_pool != nullptr;
}

// The calling thread's state, made on first use (threads the hook did not see being created).
namespace {
void MappingEndOnStack(void *p) {
  uintptr_t *sp = static_cast<uintptr_t *>(p);
  InternalLockGuard guard(g_mu);
  *sp = MappingEnd(*sp);
}
}  // namespace

__attribute__((noinline)) ThreadState *SelfSlow() {
  if (t_busy || !EnsureInit()) return nullptr;
  t_busy = 1;
  HookWork work(nullptr);
  uint32_t uid;
  {
    InternalLockGuard guard(g_mu);
    uid = NewThreadInfoLocked(GetTid(), 0, 0);
    if (GetTid() == getpid()) g_main_uid = uid;
  }
  // A thread the hook did not see start: its stack ends where the mapping holding this frame
  // ends (a frame-pointer walk never reads past it). The main thread's is known.
  uintptr_t sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t hi = reinterpret_cast<uintptr_t>(__libc_stack_end);
  if (GetTid() != getpid()) {
    hi = sp;
    RunOnHookStack(MappingEndOnStack, &hi);
  }
  if (hi == 0) hi = (sp & ~uintptr_t{4095}) + 4096;  // unknown: walk no further than this page
  AttachState(NewThreadState(uid, hi));
  t_busy = 0;
  return t_state;
}

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
        // Pending and not taken yet: r waits for it (the caller works on `addr`: it is mapped).
        if (PendingNotTaken(r, h, MutexOwner(addr))) continue;
        if (lose) r->lost_epoch.fetch_add(1, std::memory_order_relaxed);
      } else if (h.slot != slot || h.uid != uid || Stale(h) || PendingNotTaken(r, h, MutexOwner(addr))) {
        continue;  // another life, released by another thread, or r waits for it
      }
      if (found) *found = h;
      any = true;
      break;
    }
  }
  return any;
}

int ThreadCreate(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
  ThreadState *ts = Enter();
  if (ts == nullptr) return real.pthread_create(th, attr, fn, arg);
  HookWork work(ts);
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

void ThreadJoined(pthread_t th) {
  ThreadState *ts = Enter();
  if (ts == nullptr) return;
  HookWork work(ts);
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

void ThreadExit() {
  // The key's destructor releases the state (after the cleanup handlers that pthread_exit runs:
  // a lock they release is not held at the end). Without a key, here.
  ThreadState *ts = t_state;
  if (!g_state_key_ok && ts && !ts->in_hook && g_state.load() == kReady && GetTid() != getpid()) ThreadEnd(ts);
}

namespace {

// Records of locks shared with other processes (pthread_mutexattr_setpshared): the parent holds
// them, the child does not.
bool ProcessShared(const Held &h) {
  if (h.type == kMutex)
    return (reinterpret_cast<const pthread_mutex_t *>(h.addr)->__data.__kind & 128) != 0;  // PSHARED bit
  if (h.type == kRwlock) return reinterpret_cast<const pthread_rwlock_t *>(h.addr)->__data.__shared != 0;
  return false;
}

void AfterForkChild(ThreadState *ts) {
  g_pid = getpid();
  // Only the forking thread lives on. An internal lock another thread held at the fork stays
  // held forever in the child: the report, arena and stack locks guard nothing that outlives one
  // report or allocation (freed); the graph's may have been in the middle of a change - then the
  // child is not checked (said), since its graph cannot be trusted.
  bool graph_torn = g_mu.IsLocked();
  g_mu.Reset();
  ArenaAtForkChild();
  HookStackAtForkChild();
  ReportAtForkChild();
  CyclesAtForkChild();
  WaitsAtForkChild();
  g_watchdog_started = false;
  if (graph_torn) {
    g_state.store(kDisabled, std::memory_order_release);
    if (ts) ts->in_hook += kInHookOff;  // the wrappers' inline paths test in_hook, not g_state
    ReportMessage("lockgraph: this process was forked while another thread was changing the lock "
                  "graph: it is not checked");
    return;
  }
  for (uint32_t i = 0; i < g_registry_used; ++i) {
    ThreadState *r = g_registry[i];
    if (r && r != ts) {  // a thread of the parent: its state is free in the child
      g_registry[i] = nullptr;
      r->nheld = 0;
      r->tid = 0;
      r->next_free = g_free_state;
      g_free_state = r->registry_index;
    }
  }
  if (ts == nullptr) return;
  ts->tid = GetTid();
  g_main_uid = ts->uid;  // the forking thread is the child's main thread
  for (uint32_t i = ts->nheld; i-- > 0;)
    if (ProcessShared(ts->held[i])) RemoveHeld(ts, i);
}

}  // namespace

pid_t Fork() {
  // No internal lock is held across the fork: the program's atfork handlers run in it, on this
  // thread, and take locks (nested ones, through the hook's slow path).
  pid_t pid = real.fork();
  if (pid == 0 && g_state.load(std::memory_order_acquire) == kReady) AfterForkChild(t_state);
  return pid;
}

}  // namespace lg
