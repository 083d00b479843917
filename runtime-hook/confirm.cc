// Confirm mode (`lockgraph run --confirm`): steers the schedule at the acquisition sites of one
// reported lock-order inversion so that, if it is real, the program deadlocks for real and the
// watchdog reports and ends it. The scheme is the active-testing one of DeadlockFuzzer (Joshi,
// Park, Sen and Naik, PLDI 2009; refined by ASN and ConLock, Cai et al.): a thread about to take
// the second lock of an edge of the cycle, at the edge's sites, while holding the edge's first
// lock (taken at its site), is paused; when threads stand at every edge of the cycle, each
// holding the lock the previous one wants, they all go on - into the deadlock. A pause is
// bounded (confirm_pause_ms), ends early when no other thread can move (every other thread
// paused here or blocked on a lock: DeadlockFuzzer's "thrashing"), and a thread stops pausing
// after confirm_pauses pauses that found no partner (it still completes a cycle with a paused
// partner when it comes by).
//
// The plan (option confirm=FILE, written by the launcher from a finding's JSON record) names each
// edge's sites as module+offset of return addresses, so it holds across runs and ASLR; lock
// identity across runs is by site (heap addresses change), within the run by address: the locks
// at the edges must chain. The inversion counts as confirmed only when the watchdog reports an
// actual deadlock whose threads are exactly threads that stood at the plan's edges, one per edge,
// waiting there (ConfirmedFingerprint, called by the deadlock report).
//
// A paused thread is not waiting for a lock as the watchdog sees it (its wait is published after
// the pause), so a pause never makes a false actual-deadlock; it can only make the program slower.
//
// Cost: without the option nothing here runs (one branch in the chain cache's miss path). With
// it, the threads' chain caches stay empty so that every nested blocking acquisition comes here
// (ConfirmPoint); acquisitions whose caller is no edge's cost one comparison per edge.
// Must not: allocate, use stdio, pause while holding g_mu, or pause a thread at any point other
// than before a blocking acquisition.
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <cstring>

#include "hook_state.h"
#include "lock_path.h"

namespace lg {

bool g_confirm_on = false;

namespace {

constexpr int kMaxPlanEdges = 8;
constexpr int kMaxSiteFrames = kHeldPcs;
constexpr int kMaxModules = 16;
constexpr uint32_t kMaxArrivals = 1024;  // threads that ever stood at an edge

struct Site {
  int n;
  uint16_t module[kMaxSiteFrames];
  uintptr_t offset[kMaxSiteFrames];  // of the return address in its module
  uintptr_t pc[kMaxSiteFrames];      // resolved in this process (0: module not loaded)
};

struct Plan {
  char fingerprint[24];
  char cycle[512];
  int nedges;
  Site acquire[kMaxPlanEdges];  // where edge i's second lock is taken
  Site held[kMaxPlanEdges];     // where edge i's first lock was taken
  const char *lock[kMaxPlanEdges];  // edge i's first lock, as reports name it (without "#N")
  int nmodules;
  const char *modules[kMaxModules];
  uintptr_t base[kMaxModules];
  bool loaded[kMaxModules];
};
Plan g_plan;  // read-only once g_confirm_on is set
char g_plan_text[1 << 16];
uintptr_t g_self_lo, g_self_hi;

enum ArrivalState { kAway = 0, kPaused = 1, kGo = 2, kPassing = 3 };

// A thread that stood at an edge: one entry per thread (by uid), kept for the process's life so
// its pause count stays. Written under g_mu; `state` is also polled by the paused thread.
struct Arrival {
  uint32_t thread;  // the thread's uid
  ThreadState *ts;
  uint32_t edges;  // the edges whose sites it stands at (several when edges share sites)
  uintptr_t hold[kMaxPlanEdges];  // per such edge, its first lock (held), by address
  uintptr_t want;                 // the lock it is about to take
  uint32_t want_slot;
  uint64_t seq;  // ts->wait_seq once it waits at this acquisition
  std::atomic<int> state;
  int futile;  // pauses that ended without the cycle
};
Arrival g_arrivals[kMaxArrivals];
uint32_t g_narrivals = 0;

std::atomic<uint32_t> g_stat_arrivals{0}, g_stat_pauses{0}, g_stat_futile{0}, g_stat_completed{0};

// --- the plan ------------------------------------------------------------------------------
uintptr_t ParseHex(const char *&p) {
  while (*p == ' ') ++p;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) p += 2;
  uintptr_t v = 0;
  for (;; ++p) {
    char c = *p;
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) break;
    v = v * 16 + static_cast<uintptr_t>(d);
  }
  return v;
}

int ParseDec(const char *&p) {
  while (*p == ' ') ++p;
  int v = 0;
  while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
  return v;
}

const char *Basename(const char *path) {
  const char *b = path;
  for (const char *p = path; *p; ++p)
    if (*p == '/') b = p + 1;
  return b;
}

int InternModule(const char *path) {
  for (int i = 0; i < g_plan.nmodules; ++i)
    if (StrEq(g_plan.modules[i], path)) return i;
  if (g_plan.nmodules == kMaxModules) return -1;
  g_plan.modules[g_plan.nmodules] = path;
  return g_plan.nmodules++;
}

void Complain(const char *what) {
  char msg[700];
  Buf b(msg, sizeof(msg));
  b.Str("lockgraph: confirm plan '").Str(g_opt.confirm).Str("': ").Str(what).Str("; not steering");
  ReportMessage(b.c_str());
}

// The plan file: "lockgraph-confirm-plan 1", then "fingerprint HEX", "cycle TEXT", "edges N", per
// edge "lock EDGE NAME" (its first lock) and per frame "site EDGE acquire|held OFFSET MODULE" (the
// return address's offset in MODULE, frames from the innermost). Written by the launcher (tools/confirm.cc).
bool ParsePlan() {
  int fd = open(g_opt.confirm, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    Complain("cannot be read");
    return false;
  }
  size_t len = 0;
  for (;;) {
    ssize_t n = read(fd, g_plan_text + len, sizeof(g_plan_text) - 1 - len);
    if (n <= 0) break;
    len += static_cast<size_t>(n);
  }
  close(fd);
  g_plan_text[len] = 0;
  if (!StrStartsWith(g_plan_text, "lockgraph-confirm-plan 1\n")) {
    Complain("not a plan (first line)");
    return false;
  }
  for (char *p = g_plan_text; *p;) {
    char *line = p;
    while (*p && *p != '\n') ++p;
    if (*p) *p++ = 0;
    const char *q = line;
    if (StrStartsWith(q, "fingerprint ")) {
      StrCopy(g_plan.fingerprint, sizeof(g_plan.fingerprint), q + 12);
    } else if (StrStartsWith(q, "cycle ")) {
      StrCopy(g_plan.cycle, sizeof(g_plan.cycle), q + 6);
    } else if (StrStartsWith(q, "lock ")) {
      q += 5;
      int e = ParseDec(q);
      while (*q == ' ') ++q;
      if (e >= 0 && e < kMaxPlanEdges) g_plan.lock[e] = q;
    } else if (StrStartsWith(q, "edges ")) {
      q += 6;
      g_plan.nedges = ParseDec(q);
    } else if (StrStartsWith(q, "site ")) {
      q += 5;
      int e = ParseDec(q);
      while (*q == ' ') ++q;
      bool acquire = StrStartsWith(q, "acquire ");
      if (!acquire && !StrStartsWith(q, "held ")) continue;
      q += acquire ? 8 : 5;
      uintptr_t off = ParseHex(q);
      while (*q == ' ') ++q;
      if (e < 0 || e >= kMaxPlanEdges || *q == 0) continue;
      Site &s = acquire ? g_plan.acquire[e] : g_plan.held[e];
      int m = InternModule(q);
      if (m < 0 || s.n == kMaxSiteFrames) continue;
      s.module[s.n] = static_cast<uint16_t>(m);
      s.offset[s.n] = off;
      ++s.n;
    }
  }
  if (g_plan.nedges < 2 || g_plan.nedges > kMaxPlanEdges) {
    Complain("the cycle must have 2 to 8 edges");
    return false;
  }
  for (int e = 0; e < g_plan.nedges; ++e)
    if (g_plan.acquire[e].n == 0 || g_plan.held[e].n == 0 || g_plan.lock[e] == nullptr) {
      Complain("an edge has no sites");
      return false;
    }
  return true;
}

// A module is known by the name report.cc gives it (ModuleOf: the loader's path; for the main
// program argv[0] when absolute, else /proc/self/exe), and by its file name as a fallback (the
// plan may come from a run started by another path).
struct ResolveCtx {
  char exe[512];
  const char *argv0;
};

int ResolveModule(struct dl_phdr_info *info, size_t, void *arg) {
  const ResolveCtx *ctx = static_cast<const ResolveCtx *>(arg);
  uintptr_t lo = ~uintptr_t{0};
  for (int i = 0; i < info->dlpi_phnum; ++i)
    if (info->dlpi_phdr[i].p_type == PT_LOAD && info->dlpi_addr + info->dlpi_phdr[i].p_vaddr < lo)
      lo = info->dlpi_addr + info->dlpi_phdr[i].p_vaddr;
  if (lo == ~uintptr_t{0}) return 0;
  lo &= ~uintptr_t{4095};
  const ElfW(Ehdr) *eh = reinterpret_cast<const ElfW(Ehdr) *>(lo);
  uintptr_t base = eh->e_type == ET_EXEC ? 0 : lo;  // as ModuleOf computes offsets
  bool main_program = info->dlpi_name == nullptr || info->dlpi_name[0] == 0;
  const char *name = main_program ? ctx->exe : info->dlpi_name;
  for (int m = 0; m < g_plan.nmodules; ++m) {
    const char *want = g_plan.modules[m];
    bool exact = StrEq(want, name) || (main_program && ctx->argv0 && StrEq(want, ctx->argv0));
    if (exact || (!g_plan.loaded[m] && StrEq(Basename(want), Basename(name)))) {
      g_plan.base[m] = base;
      g_plan.loaded[m] = true;
    }
  }
  uintptr_t self = reinterpret_cast<uintptr_t>(&ResolveModule);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &ph = info->dlpi_phdr[i];
    uintptr_t a = info->dlpi_addr + ph.p_vaddr;
    if (ph.p_type == PT_LOAD && self >= a && self < a + ph.p_memsz) {
      g_self_lo = lo;
      g_self_hi = a + ph.p_memsz;
    }
  }
  return 0;
}

void ResolveSite(Site &s) {
  for (int i = 0; i < s.n; ++i)
    s.pc[i] = g_plan.loaded[s.module[i]] ? g_plan.base[s.module[i]] + s.offset[i] : 0;
}

// --- sites -----------------------------------------------------------------------------------
// The return addresses of `pcs` without the hook's own (report.cc leaves those out of stacks).
int UserPcs(const uintptr_t *pcs, int n, uintptr_t *out) {
  int k = 0;
  for (int i = 0; i < n && k < kMaxSiteFrames; ++i)
    if (pcs[i] < g_self_lo || pcs[i] >= g_self_hi) out[k++] = pcs[i];
  return k;
}

bool SiteIs(const Site &s, const uintptr_t *pcs, int n) {
  if (n < s.n) return false;
  for (int i = 0; i < s.n; ++i)
    if (s.pc[i] == 0 || s.pc[i] != pcs[i]) return false;
  return true;
}

bool HeldSiteIs(const Site &s, const Held &h) {
  uintptr_t pcs[kMaxSiteFrames];
  int n = UserPcs(h.pcs, h.npcs, pcs);
  return SiteIs(s, pcs, n);
}

// Is the acquisition in progress (record h, callers `pcs`) at edge e's acquire site? The first
// frame is exact; deeper ones are checked against the frame-pointer walk, then against the
// unwinder's stack (what the plan's acquire site was read from: code without frame pointers).
bool AcquireSiteIs(const Site &s, const Held &h, uintptr_t *full, int *nfull) {
  uintptr_t pcs[kMaxSiteFrames];
  int n = UserPcs(h.pcs, h.npcs, pcs);
  if (SiteIs(s, pcs, n)) return true;
  if (*nfull < 0) *nfull = FullStack(full, kMaxSiteFrames);
  return SiteIs(s, full, *nfull);
}

// --- arrivals (g_mu held) ----------------------------------------------------------------------
Arrival *ArrivalFor(ThreadState *ts) {
  for (uint32_t i = 0; i < g_narrivals; ++i)
    if (g_arrivals[i].thread == ts->uid) return &g_arrivals[i];
  if (g_narrivals == kMaxArrivals) return nullptr;
  Arrival *a = &g_arrivals[g_narrivals++];
  a->thread = ts->uid;
  return a;
}

// Is the thread of `a` still at the acquisition it arrived with: paused there, about to wait,
// or waiting for the lock?
bool StillThere(const Arrival &a) {
  int st = a.state.load(std::memory_order_acquire);
  if (st == kAway) return false;
  ThreadState *ts = a.ts;
  if (ts->uid != a.thread) return false;  // the thread ended, its state serves another one
  if (st == kPaused || st == kGo) return true;
  uint64_t seq = ts->wait_seq.load(std::memory_order_acquire);
  if (seq + 1 == a.seq) return true;  // between this point and its wait
  return seq == a.seq && ts->wait_slot.load(std::memory_order_acquire) == a.want_slot + 1;
}

// Threads standing at every edge, each holding the lock the previous one wants: a cycle that
// deadlocks when they all go on. Looks for one through `me` (depth-first over the cycle's
// positions, at most 8). Fills `members` (in edge order from me) and returns true when found.
bool CompleteCycle(Arrival *me, Arrival **members) {
  int n = g_plan.nedges;
  members[0] = me;
  for (int e0 = 0; e0 < n; ++e0) {
    if (!(me->edges >> e0 & 1)) continue;
    uint32_t next[kMaxPlanEdges] = {0};
    int depth = 1;
    while (depth > 0) {
      if (depth == n) {
        if (members[n - 1]->want == me->hold[e0]) return true;
        --depth;
        continue;
      }
      int edge = (e0 + depth) % n;
      bool advanced = false;
      for (uint32_t &i = next[depth]; i < g_narrivals; ++i) {
        Arrival *a = &g_arrivals[i];
        if (!(a->edges >> edge & 1) || a->hold[edge] != members[depth - 1]->want || !StillThere(*a)) continue;
        bool dup = false;
        for (int k = 0; k < depth; ++k) dup |= members[k] == a;
        if (dup) continue;
        members[depth] = a;
        ++i;
        advanced = true;
        break;
      }
      if (advanced) {
        ++depth;
        if (depth < n) next[depth] = 0;
      } else {
        --depth;
      }
    }
  }
  return false;
}

// No thread but paused ones could still come to an edge: every other live thread is paused here
// or blocked on a lock.
bool NoOneElseCanMove(ThreadState *me) {
  int others = 0;
  for (uint32_t i = 0; i < g_registry_used; ++i) {
    ThreadState *r = g_registry[i];
    if (r == nullptr || r == me || r->tid == 0) continue;
    ++others;
    if (r->wait_slot.load(std::memory_order_acquire) != 0 || WaitsNested(r)) continue;
    bool paused = false;
    for (uint32_t k = 0; k < g_narrivals && !paused; ++k)
      paused = g_arrivals[k].ts == r && g_arrivals[k].thread == r->uid &&
               g_arrivals[k].state.load(std::memory_order_acquire) == kPaused;
    if (!paused) return false;
  }
  return others > 0;
}

void Say(const char *what, ThreadState *ts, int edge) {
  if (g_opt.verbosity < 1) return;
  char msg[256];
  Buf b(msg, sizeof(msg));
  b.Str("lockgraph: confirm: tid ").Dec(ts->tid).Char(' ').Str(what).Str(" at edge ").Dec(edge);
  ReportMessage(b.c_str());
}

// The confirm run's counters, for the launcher: FILE.<pid>.out beside the plan, at exit.
void WriteStats() {
  char path[600], text[256];
  Buf p(path, sizeof(path));
  p.Str(g_opt.confirm).Char('.').Dec(getpid()).Str(".out");
  Buf t(text, sizeof(text));
  t.Str("arrivals ").UDec(g_stat_arrivals.load()).Str("\npauses ").UDec(g_stat_pauses.load())
      .Str("\nfutile ").UDec(g_stat_futile.load()).Str("\ncompleted ").UDec(g_stat_completed.load())
      .Char('\n');
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return;
  WriteAll(fd, t.c_str(), t.size());
  close(fd);
}

}  // namespace

void ConfirmInit() {
  if (g_opt.confirm == nullptr || g_opt.confirm[0] == 0) return;
  if (!ParsePlan()) return;
  static ResolveCtx ctx;
  ssize_t n = readlink("/proc/self/exe", ctx.exe, sizeof(ctx.exe) - 1);
  ctx.exe[n > 0 ? n : 0] = 0;
  ctx.argv0 = program_invocation_name && program_invocation_name[0] == '/' ? program_invocation_name : nullptr;
  dl_iterate_phdr(ResolveModule, &ctx);
  for (int e = 0; e < g_plan.nedges; ++e) {
    ResolveSite(g_plan.acquire[e]);
    ResolveSite(g_plan.held[e]);
  }
  g_confirm_on = true;
  atexit(WriteStats);
}

// A blocking acquisition with other locks held, before its wait is published: the thread's
// record `h` (its callers, the lock, slot `slot`). Pauses it when it stands at an edge.
void ConfirmPoint(ThreadState *ts, uint32_t slot, const Held *h) {
  if (ts->uid == 0) return;
  uintptr_t first = h->pcs[0];
  bool candidate = false;
  for (int e = 0; e < g_plan.nedges; ++e) candidate |= g_plan.acquire[e].pc[0] == first;
  if (!candidate) return;
  Guard guard(ts);
  uintptr_t full[kMaxSiteFrames];
  int nfull = -1;
  uint32_t edges = 0;
  uintptr_t hold[kMaxPlanEdges];
  for (int e = 0; e < g_plan.nedges; ++e) {
    if (g_plan.acquire[e].pc[0] != first || !AcquireSiteIs(g_plan.acquire[e], *h, full, &nfull)) continue;
    for (int i = static_cast<int>(ts->nheld) - 1; i >= 0; --i) {
      const Held &held = ts->held[i];
      if (held.addr == h->addr || Stale(held) || !HeldSiteIs(g_plan.held[e], held)) continue;
      edges |= 1u << e;
      hold[e] = held.addr;
      break;
    }
  }
  if (edges == 0) return;
  int edge = __builtin_ctz(edges);  // for messages
  g_stat_arrivals.fetch_add(1, std::memory_order_relaxed);
  Arrival *members[kMaxPlanEdges];
  Arrival *me;
  bool pause = false;
  {
    InternalLockGuard lock(g_mu);
    me = ArrivalFor(ts);
    if (me == nullptr) return;
    me->ts = ts;
    me->edges = edges;
    memcpy(me->hold, hold, sizeof(hold));
    me->want = h->addr;
    me->want_slot = slot;
    me->seq = ts->wait_seq.load(std::memory_order_relaxed) + 1;
    me->state.store(kPassing, std::memory_order_release);
    if (CompleteCycle(me, members)) {
      g_stat_completed.fetch_add(1, std::memory_order_relaxed);
      for (int k = 1; k < g_plan.nedges; ++k) {
        int expected = kPaused;
        members[k]->state.compare_exchange_strong(expected, kGo, std::memory_order_acq_rel);
      }
    } else if (me->futile < g_opt.confirm_pauses) {
      me->state.store(kPaused, std::memory_order_release);
      pause = true;
    }
  }
  if (!pause) {
    Say("goes on", ts, edge);
    return;
  }
  g_stat_pauses.fetch_add(1, std::memory_order_relaxed);
  Say("paused", ts, edge);
  struct timespec start, now, tick = {0, 1000000};
  clock_gettime(CLOCK_MONOTONIC, &start);
  long limit_ms = g_opt.confirm_pause_ms > 0 ? g_opt.confirm_pause_ms : 0;
  for (;;) {
    if (me->state.load(std::memory_order_acquire) == kGo) break;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
    bool stuck;
    {
      InternalLockGuard lock(g_mu);
      stuck = NoOneElseCanMove(ts);
    }
    if (ms >= limit_ms || stuck) {
      int expected = kPaused;
      if (me->state.compare_exchange_strong(expected, kPassing, std::memory_order_acq_rel)) {
        g_stat_futile.fetch_add(1, std::memory_order_relaxed);
        ++me->futile;
        Say(stuck ? "released (no other thread can move)" : "released (time is up)", ts, edge);
        return;
      }
      break;  // a partner released it meanwhile
    }
    nanosleep(&tick, nullptr);
  }
  me->state.store(kPassing, std::memory_order_release);
  Say("goes on with its partners", ts, edge);
}

// The actual deadlock `f` is the plan's cycle when its threads are threads that stood at the
// plan's edges, one per edge, each still waiting there: blocked[k] waits for what blocked[k+1]
// holds, so their edges follow each other.
// A report's lock name is the plan's: equal but for the "#N" that tells apart locks made at one
// site in one run.
bool SameLock(const char *name, const char *plan) {
  size_t n = StrLen(name), k = n;
  while (k > 0 && name[k - 1] >= '0' && name[k - 1] <= '9') --k;
  if (k > 0 && k < n && name[k - 1] == '#') n = k - 1;
  return StrLen(plan) == n && strncmp(name, plan, n) == 0;
}

const char *ConfirmedFingerprint(const Finding &f, const char *const *names) {
  if (!g_confirm_on || f.kind != kActualDeadlock) return nullptr;
  WriteStats();  // the process ends after this report, without its exit handlers
  int n = g_plan.nedges;
  // The threads blocked on locks (the report lists them first; threads blocked joining them or
  // in other waits follow), put in the cycle's order: each waits for what the next one holds.
  int nlock = 0;
  while (nlock < f.nblocked && f.blocked[nlock].kind == kWaitNone) ++nlock;
  if (nlock < n) return nullptr;
  // More threads than the cycle's may wait on its locks (the seed's five threads queue behind
  // A and B): follow each lock waiter's "waits for" among the lock waiters until the walk runs
  // in a circle, and take that circle when it has one thread per edge.
  auto waiter_of = [&](int j) -> int {
    if (f.blocked[j].nwaits_for == 0) return -1;
    for (int i = 0; i < nlock; ++i)
      if (f.blocked[i].thread_uid == f.blocked[j].waits_for_uid[0]) return i;
    return -1;
  };
  int order[kMaxPlanEdges];
  const char *nm[kMaxPlanEdges];
  bool found = false;
  for (int start = 0; start < nlock && !found; ++start) {
    int cur = start;
    for (int s = 0; s < nlock && cur >= 0; ++s) cur = waiter_of(cur);  // now on the circle, if any
    if (cur < 0) continue;
    int len = 0, c = cur;
    do {
      if (len == n) { len = -1; break; }
      order[len++] = c;
      c = waiter_of(c);
    } while (c >= 0 && c != cur);
    found = c == cur && len == n;
  }
  if (!found) return nullptr;
  for (int k = 0; k < n; ++k) nm[k] = names[order[k]];
  names = nm;
  InternalLockGuard lock(g_mu);
  const Arrival *at[kMaxPlanEdges];
  for (int k = 0; k < n; ++k) {
    const BlockedThread &b = f.blocked[order[k]];
    at[k] = nullptr;
    for (uint32_t i = 0; i < g_narrivals && at[k] == nullptr; ++i)
      if (g_arrivals[i].thread == b.thread_uid) at[k] = &g_arrivals[i];
    if (at[k] == nullptr || !StillThere(*at[k]) || at[k]->want_slot != b.wait_slot) return nullptr;
  }
  // blocked[k] waits for what blocked[k+1] holds: their edges follow each other, the lock each
  // holds at its edge's held site is the one the thread before it waits for, and each waits for
  // the lock the plan names (sites alone do not tell apart locks taken by one helper function).
  for (int e0 = 0; e0 < n; ++e0) {
    bool fits = true;
    for (int k = 0; k < n && fits; ++k) {
      int e = (e0 + k) % n;
      fits = (at[k]->edges >> e & 1) && at[k]->hold[e] == at[(k + n - 1) % n]->want &&
             SameLock(names[k], g_plan.lock[(e + 1) % n]);
    }
    if (fits) return g_plan.fingerprint;
  }
  return nullptr;
}

const char *ConfirmCycleText() { return g_plan.cycle; }

}  // namespace lg
