// Start-up and exit of the hook. The hook starts at the first intercepted call (EnsureInit):
// it resolves the real functions, reads the options, maps its tables and registers the exit
// handler; until it is ready (and for ever, if it cannot start) every wrapper only forwards.
// At exit it reports the latent cycles held back, the notes and statistics, and replaces the
// exit status when findings were reported (option exitcode).
//
// Must not: call an intercepted function before the real functions are resolved, allocate with
// malloc, or abort the host when it cannot start.
#include <execinfo.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "hook_state.h"
#include "interceptors.h"
#include "lock_path.h"

namespace lg {

std::atomic<int> g_state{kNotStarted};
InternalMutex g_mu;
Graph g_graph;

const char *FindingId(int kind) {
  static const char *const kIds[] = {
#define LOCKGRAPH_FINDING(e, id, desc) id,
#include "findings.inc"
  };
  return kind >= 0 && kind < kNumFindingKinds ? kIds[kind] : "unknown";
}

pid_t g_pid = 0;

namespace {

std::atomic<bool> g_finished{false};

void FinishOnStack(void *) {
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
}

// At exit (atexit): the status becomes the exitcode option's when findings were reported.
void ExitHandler() {
  int status = -1;
  FinishProcess(&status);
  if (status != -1) {
    FlushUserStdio();
    RealExit(status);
  }
}

}  // namespace

void FinishProcess(int *status) {
  if (g_state.load(std::memory_order_acquire) != kReady || getpid() != g_pid) return;
  if (!g_finished.exchange(true)) {
    ThreadState *ts = t_state;
    if (ts) ts->in_hook = 1;  // from here on (destructors, atexit handlers) this thread only forwards
    HookWork work(nullptr);
    RunOnHookStack(FinishOnStack, nullptr);
  }
  if (g_findings.load() > 0 && g_opt.exitcode != 0) *status = g_opt.exitcode;
}

bool EnsureInit() {
  int s = g_state.load(std::memory_order_acquire);
  if (s == kReady) return true;
  if (s == kDisabled) return false;
  int expected = kNotStarted;
  if (!g_state.compare_exchange_strong(expected, kStarting)) {
    // Another thread (or this one, re-entered through dlsym) is starting: act as a forwarder.
    while (g_state.load(std::memory_order_acquire) == kStarting) {
      if (t_busy) return false;
      sched_yield();
    }
    return g_state.load() == kReady;
  }
  t_busy = 1;
  g_pid = getpid();
  ResolveReal();
  ParseOptions();
  uint32_t max_locks = g_opt.max_locks > 16 ? static_cast<uint32_t>(g_opt.max_locks) : 16;
  uint32_t edge_bits = 16;  // the edge index grows up to 2^edge_bits entries
  while ((1u << edge_bits) < 2u * static_cast<uint32_t>(g_opt.max_edges) && edge_bits < 26) ++edge_bits;
  // The chain cache is probed on every nested acquisition: kept small (2 MiB at most, emptied
  // when half full) so that its probes stay in the caches and the TLB.
  uint32_t chain_bits = edge_bits < 18 ? edge_bits : 18;
  bool ok = real.pthread_mutex_lock && real.pthread_mutex_unlock && real.pthread_create &&
            LockTableInit(max_locks) && CyclesInit(edge_bits) && ChainsInit(chain_bits) && ThreadsInit() &&
            WaitsInit();
  if (!ok) {
    static const char msg[] = "lockgraph: cannot start (out of memory or symbols missing); "
                              "running the program without checks\n";
    WriteAll(2, msg, sizeof(msg) - 1);
    g_state.store(kDisabled);
    t_busy = 0;
    return false;
  }
  FindSelfRange();
  PythonInit();
  void *warm[4];
  backtrace(warm, 4);  // loads the unwinder now, not inside a lock wrapper
  ReportInit();
  atexit(ExitHandler);
  ConfirmInit();  // after ExitHandler: its own exit handler runs first
  g_state.store(kReady, std::memory_order_release);
  t_busy = 0;
  return true;
}

}  // namespace lg
