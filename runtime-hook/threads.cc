// Threads and processes: the record of every thread ever seen (ThreadInfo: creator, create and
// join clocks, for the ordering that makes a cycle latent), the state of every live thread
// (ThreadState: its held set and caches; the registry the watchdog and the held-set readers
// walk), and what pthread_create/join/exit and fork mean to them.
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

constexpr uint32_t kMaxLive = 4096;  // live threads the watchdog can see
ThreadState *g_registry[kMaxLive];
uint32_t g_registry_used = 0;

namespace {

uint32_t g_free_state = 0;  // index+1 into g_state_pool
ThreadState *g_state_pool[kMaxLive];
uint32_t g_state_pool_used = 0;

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

struct StartArgs {
  void *(*fn)(void *);
  void *arg;
  uint32_t uid;
  StartArgs *next_free;
};
StartArgs *g_free_args = nullptr;

void ThreadEnd(ThreadState *ts) {
  ReportExitHolding(ts);
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

bool ThreadsInit() {
  g_threads = static_cast<ThreadInfo *>(MapZeroed(size_t(g_opt.max_threads + 1) * sizeof(ThreadInfo)));
  return g_threads != nullptr;
}

// The calling thread's state, made on first use (threads the hook did not see being created).
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

int ThreadCreate(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
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

void ThreadJoined(pthread_t th) {
  ThreadState *ts = Enter();
  if (ts == nullptr) return;
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
  ThreadState *ts = t_state;
  if (ts && !ts->in_hook && g_state.load() == kReady && GetTid() != getpid()) ThreadEnd(ts);
}

pid_t Fork() {
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

}  // namespace lg
