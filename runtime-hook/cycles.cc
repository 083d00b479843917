// The detector: the lock-order graph's edges and the cycles they close. A thread that takes a
// lock while holding others, on a chain it never validated before (lock_path.cc), comes here
// (NewChain): under g_mu its edges are found or made (with the stack of the acquisition, the
// threads that made them, the locks held around them every time), inserted into the graph
// (graph.cc, Pearce-Kelly), and every cycle they close is classified - a real inversion (edges
// from threads that can run at once, not all under one gate lock, able to block), a latent one
// (held back until exit), or none - and reported once, after g_mu is released.
//
// Must not: run on the lock path's fast paths, read other threads' held sets, or report with
// g_mu held.
#include <sys/mman.h>

#include <cstring>

#include "hook_state.h"
#include "lock_path.h"
#include "waits.h"

namespace lg {

uint32_t g_nedges = 0;
std::atomic<uint64_t> g_stat_slow{0};

namespace {

bool g_edges_full_said = false;

// Reported cycles (signature -> highest class reported), other findings by site.
constexpr uint32_t kSeenBits = 16;
std::atomic<uint64_t> *g_seen;

bool Ordered(uint32_t a_thread, uint32_t a_clock, uint32_t b_thread, uint32_t b_clock) {
  // True when every event of a's thread up to a's edge happened before b's edge: a's thread was
  // joined before b's thread was created, or joined by b's thread before it made b's edge, or b's
  // thread was created by a's thread after a's edge.
  if (a_thread == 0 || b_thread == 0) return false;
  const ThreadInfo &ta = g_threads[a_thread], &tb = g_threads[b_thread];
  if (ta.joined_clock != 0 &&
      (ta.joined_clock < tb.created_clock || (ta.joiner == b_thread && b_clock >= ta.joined_clock)))
    return true;
  if (tb.creator == a_thread && a_clock < tb.created_clock) return true;
  return false;
}

bool Concurrent(uint32_t a_thread, uint32_t a_clock, uint32_t b_thread, uint32_t b_clock) {
  return a_thread != b_thread && !Ordered(a_thread, a_clock, b_thread, b_clock) &&
         !Ordered(b_thread, b_clock, a_thread, a_clock);
}

enum CycleClass { kNotDeadlock = 0, kLatent = 1, kReal = 2 };

// Can the cycle deadlock as observed? A deadlock on L0 -> L1 -> ... -> L(n-1) -> L0 is k >= 2
// threads, alive at once, each holding one lock Ls of the cycle and waiting for a later one Le,
// their runs Ls..Le partitioning the cycle. A thread can stand for the run Ls..Le when it took Le
// while holding Ls: for one edge, any of the edge's witnesses; for a longer run, a witness of
// the edge into Le that held Ls underneath (its `below`: a thread that took A, B, C nested
// stands for A..C by itself). The threads must be distinct and pairwise concurrent (not ordered
// by create/join). An edge taken by more threads than it keeps witnesses stands for one edge by
// a thread assumed distinct and concurrent. So T1 taking A -> B and B -> C apart and T2 taking
// C -> A cannot deadlock: three runs are needed and only two threads exist.
//
// A depth-first search over the cut points (iterative: the host's stack may be small), bounded
// by `budget` steps; returns kReal or kLatent, or -1 when the budget ran out. `wit` receives the
// witness to show per edge.
int CoverCycle(const Edge *const *edges, int n, uint8_t *wit, uint32_t budget) {
  constexpr int kMaxRun = kWitnessBelow + 1;
  constexpr int kOptions = kMaxRun * (kMaxWitnesses + 1);  // (run length, witness or wildcard)
  struct Level {
    int cut;      // position (0..2n) where this run starts
    int option;   // next option to try
    int run;      // chosen run length
    int w;        // chosen witness (kMaxWitnesses: a wildcard)
    uint32_t thread, clock;
  };
  static Level stack[kMaxCycle + 1];  // under g_mu
  int starts[kMaxRun];
  int nstarts = 0;
  for (int k = 0; k < kMaxRun && k < n; ++k) starts[nstarts++] = k == 0 ? 0 : n - k;
  for (int si = 0; si < nstarts; ++si) {
    int first = starts[si];
    int depth = 0;
    stack[0] = Level{first, 0, 0, 0, 0, 0};
    while (depth >= 0) {
      if (budget-- == 0) return -1;
      Level &lv = stack[depth];
      if (lv.cut == first + n) {
        if (depth < 2) {  // one thread for the whole cycle is a self-deadlock, not this
          --depth;
          continue;
        }
        for (int i = 0; i < n; ++i) wit[i] = 0;
        for (int d = 0; d < depth; ++d) {
          const Level &r = stack[d];
          for (int k = 0; k < r.run; ++k) {
            int e = (r.cut + k) % n;
            if (r.w == kMaxWitnesses) continue;
            for (int x = 0; x < edges[e]->nwitness; ++x)
              if (edges[e]->witness[x].thread == r.thread) wit[e] = static_cast<uint8_t>(x);
          }
        }
        return kReal;
      }
      if (lv.option == kOptions) {
        --depth;
        continue;
      }
      int run = lv.option / (kMaxWitnesses + 1) + 1;
      int w = lv.option % (kMaxWitnesses + 1);
      ++lv.option;
      if (lv.cut + run > first + n) continue;
      const Edge *last = edges[(lv.cut + run - 1) % n];
      uint32_t thread = 0, clock = 0;
      if (w == kMaxWitnesses) {
        if (run != 1 || !last->many_threads) continue;
      } else {
        if (w >= last->nwitness) continue;
        const Witness &wt = last->witness[w];
        if (run > 1) {
          uint32_t start_uid = edges[lv.cut % n]->from_uid;
          bool held = false;
          for (int b = 0; b < kWitnessBelow; ++b) held |= wt.below[b] == start_uid;
          if (!held) continue;
        }
        thread = wt.thread;
        clock = wt.clock;
        bool ok = true;
        for (int d = 0; d < depth && ok; ++d)
          if (stack[d].w != kMaxWitnesses) ok = Concurrent(thread, clock, stack[d].thread, stack[d].clock);
        if (!ok) continue;
      }
      lv.run = run;
      lv.w = w;
      lv.thread = thread;
      lv.clock = clock;
      stack[++depth] = Level{lv.cut + run, 0, 0, 0, 0, 0};
    }
  }
  return kLatent;
}

// `wit` (n entries) receives, per edge, the witness to show: for a real cycle, acquisitions by
// threads that can deadlock it together.
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
  int cls = CoverCycle(edges, n, wit, 1u << 16);
  if (cls >= 0) return cls;
  // The search ran out of steps (a long cycle with many witnesses): as before it, two edges
  // from concurrent threads make it real.
  for (int i = 0; i < n; ++i) {
    if (edges[i]->many_threads) return kReal;
    for (int j = i + 1; j < n; ++j)
      for (int a = 0; a < edges[i]->nwitness; ++a)
        for (int b = 0; b < edges[j]->nwitness; ++b) {
          const Witness &wa = edges[i]->witness[a], &wb = edges[j]->witness[b];
          if (Concurrent(wa.thread, wa.clock, wb.thread, wb.clock)) {
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
bool g_latent_full_said = false;
InternalMutex g_flush_mu;  // FlushLatent's list (at exit and from the watchdog)

// Real cycles through a semaphore used as a lock, held back until exit (or the watchdog's end of
// a deadlock): a semaphore is a lock only until another thread posts it, and a cycle through
// one that turned out to be a signal is never reported.
PendingCycle g_held_back[kMaxLatent];
int g_nheld_back = 0;

inline uint64_t RetractKey(uint32_t uid) { return Mix(uid ^ (uint64_t{0x5e3a} << 48)); }

bool Retracted(const PendingCycle &pc) {
  for (int i = 0; i < pc.n; ++i)
    if (SetContains(g_seen, (1u << kSeenBits) - 1, RetractKey(pc.edges[i]->from_uid)) ||
        SetContains(g_seen, (1u << kSeenBits) - 1, RetractKey(pc.edges[i]->to_uid)))
      return true;
  return false;
}

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
  // A semaphore is named where it was made (it is often gone by the time the report is written).
  if (const SyncObj *o = n.type == kSem ? SyncFind(r.addr) : nullptr; o != nullptr && o->site_len > 0) {
    r.site_len = o->site_len;
    memcpy(r.site, o->site, sizeof(r.site));
  }
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
    if (g_nlatent == kMaxLatent && !g_latent_full_said) {
      g_latent_full_said = true;
      ReportMessage("lockgraph: 256 latent-lock-order cycles are waiting for exit: later ones are "
                    "not reported");
    }
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
  bool through_sem = false;
  for (int i = 0; i < n; ++i) through_sem |= g_nodes[cyc[i]->from].type == kSem;
  if (through_sem) {
    if (g_nheld_back < kMaxLatent) {
      PendingCycle &l = g_held_back[g_nheld_back++];
      l.cls = cls;
      l.n = n;
      for (int i = 0; i < n; ++i) {
        l.edges[i] = cyc[i];
        l.wit[i] = wit[i];
        const_cast<Edge *>(cyc[i])->pinned = true;
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

// On the hook's stack (or the watchdog's): a Finding is large.
void ReportCycle(const PendingCycle &pc) {
  Finding f;
  memset(&f, 0, sizeof(f));
  f.kind = pc.cls == kReal ? kLockOrderInversion : kLatentLockOrder;
  f.nedges = pc.n;
  for (int i = 0; i < pc.n; ++i) {
    f.edges[i] = pc.edges[i];
    f.evidence[i] = pc.wit[i] < pc.edges[i]->nwitness ? pc.edges[i]->witness[pc.wit[i]].ev : nullptr;
  }
  ReportFinding(f);
}

}  // namespace

void RetractLock(uint32_t uid) {
  if (uid != 0) SetInsert(g_seen, (1u << kSeenBits) - 1, RetractKey(uid), nullptr);
}

void FlushLatent() {
  InternalLockGuard flush(g_flush_mu);
  static PendingCycle todo[2 * kMaxLatent];
  int n = 0;
  {
    InternalLockGuard guard(g_mu);
    for (int i = 0; i < g_nheld_back; ++i)
      if (!Retracted(g_held_back[i])) todo[n++] = g_held_back[i];
    g_nheld_back = 0;
    for (int i = 0; i < g_nlatent; ++i)
      if (!SetContains(g_seen, (1u << kSeenBits) - 1, Mix(g_latent_sig[i] ^ static_cast<uint64_t>(kReal))) &&
          !Retracted(g_latent[i]))
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

namespace {

// Records `thread` (at `clock`, holding `below` under the edge's `from`) as a witness of `e`.
// Returns the witness when it is new, else nullptr (already a witness - its `below` grows -,
// or no room).
Witness *AddWitness(Edge *e, uint32_t thread, uint32_t clock, const uint32_t *below, bool *changed) {
  for (int i = 0; i < e->nwitness; ++i) {
    Witness &w = e->witness[i];
    if (w.thread != thread) continue;
    for (int b = 0; b < kWitnessBelow && below[b] != 0; ++b) {
      int k = 0;
      while (k < kWitnessBelow && w.below[k] != 0 && w.below[k] != below[b]) ++k;
      if (k < kWitnessBelow && w.below[k] == 0) {
        w.below[k] = below[b];
        *changed = true;
      }
    }
    return nullptr;
  }
  if (e->nwitness < kMaxWitnesses) {
    *changed = true;
    Witness *w = &e->witness[e->nwitness++];
    *w = Witness{thread, clock, nullptr, {}};
    for (int b = 0; b < kWitnessBelow; ++b) w->below[b] = below[b];
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

}  // namespace

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

namespace {

bool HeldExclusive(const Held &h) {
  const LockNode &n = g_nodes[h.slot];
  return !(n.type == kRwlock && h.mode == kModeRead && !(n.flags & kWriterPreferring));
}

}  // namespace

bool SeenOnce(uint64_t key) {
  bool full = false;
  return SetInsert(g_seen, (1u << kSeenBits) - 1, key, &full) || full;
}

bool CyclesInit(uint32_t edge_bits) {
  g_edge_max_bits = edge_bits;
  g_edge_keys = static_cast<uint64_t *>(MapZeroed(size_t{1} << 12 << 3));
  g_edge_vals = static_cast<Edge **>(MapZeroed(size_t{1} << 12 << 3));
  g_edge_mask = (uint64_t{1} << 12) - 1;
  g_seen = static_cast<std::atomic<uint64_t> *>(MapZeroed((size_t{1} << kSeenBits) * 8));
  return g_edge_keys && g_edge_vals && g_seen;
}

namespace {
// The slow path, on the hook's stack: a chain of held locks this thread has not validated
// before (g_mu not held).
void NewChainOnStack(ThreadState *ts, uint32_t slot, uint32_t uid, uint8_t mode, uint8_t lock_flags,
                     uint8_t lock_type) {
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
      bool last = !(h.tried & kHeldTry);
      uint32_t below[kWitnessBelow] = {};  // the live locks held under h, nearest first
      for (int j = i - 1, k = 0; j >= 0 && k < kWitnessBelow; --j) {
        const Held &u = ts->held[j];
        if (u.uid != 0 && u.uid != uid && g_nodes[u.slot].uid == u.uid && !Stale(u)) below[k++] = u.uid;
      }
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
          stack_len = StackHere(ts, stack, depth);
        }
        e->stack_len = static_cast<uint8_t>(stack_len);
        memcpy(e->stack, stack, sizeof(uintptr_t) * stack_len);
        e->held_len = h.npcs;
        memcpy(e->held_pcs, h.pcs, sizeof(uintptr_t) * h.npcs);
        AddWitness(e, ts->uid, clock, below, &changed);
        IntersectGates(e, ts, uid, &changed);
        len = g_graph.Insert(e, path, kMaxCycle - 1);
        EdgeRemember(e);
      } else {
        if (Witness *w = AddWitness(e, ts->uid, clock, below, &changed)) {
          // A second thread's acquisition: kept, so that a report can show the two that can meet.
          Evidence *ev = NewEvidenceLocked();
          if (ev != nullptr) {
            if (stack_len < 0) {
              int depth = g_opt.stack_depth < kMaxStack ? g_opt.stack_depth : kMaxStack;
              stack_len = StackHere(ts, stack, depth);
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

struct NewChainArgs {
  ThreadState *ts;
  uint32_t slot, uid;
  uint8_t mode, lock_flags, lock_type;
};
void NewChainTrampoline(void *p) {
  NewChainArgs *a = static_cast<NewChainArgs *>(p);
  NewChainOnStack(a->ts, a->slot, a->uid, a->mode, a->lock_flags, a->lock_type);
}
}  // namespace

void NewChain(ThreadState *ts, uint32_t slot, uint32_t uid, uint8_t mode, uint8_t lock_flags,
              uint8_t lock_type) {
  NewChainArgs a = {ts, slot, uid, mode, lock_flags, lock_type};
  RunOnHookStack(NewChainTrampoline, &a);
}

void CyclesAtForkChild() {
  // The parent's latent cycles are the parent's to report; a report another thread was writing
  // does not hold edges back in the child.
  g_nlatent = 0;
  g_nheld_back = 0;
  g_flush_mu.Reset();
  g_reports_in_flight.store(0, std::memory_order_relaxed);
}

const LockRecord *FindLockRecord(uint32_t uid) {
  int k = g_nlock_records.load(std::memory_order_acquire);
  for (int i = 0; i < k; ++i)
    if (g_lock_records[i].uid == uid) return &g_lock_records[i];
  return nullptr;
}

}  // namespace lg
