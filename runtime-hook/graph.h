// The lock-order graph: a node per live lock, an edge H->L when some thread acquired L while it
// held H. Cycle detection is incremental (Pearce & Kelly, "A Dynamic Topological Sort Algorithm
// for Directed Acyclic Graphs", JEA 2006, as in Abseil's graphcycles): every node has a rank and
// every ordered edge goes from a lower to a higher rank, so a new edge that already agrees with
// the order costs O(1), and otherwise only the nodes whose rank lies between the edge's two ends
// are searched. An edge that closes a cycle is kept (as a "back" edge, outside the order) so
// reports and later re-checks can walk it.
//
// Nodes are slots of the hook's lock table; a slot carries a uid that changes whenever a lock
// dies and another one is born there, so edges into a dead lock are recognised as stale and never
// join a reused address into a false cycle.
//
// Threading: no internal locking; the hook calls it under its graph mutex. No STL containers, no
// malloc (memory comes from mmap), no recursion.
#ifndef LOCKGRAPH_RUNTIME_HOOK_GRAPH_H_
#define LOCKGRAPH_RUNTIME_HOOK_GRAPH_H_

#include <cstdint>

namespace lg {

constexpr int kMaxWitnesses = 4;
constexpr int kMaxGates = 4;
constexpr int kMaxStack = 24;
constexpr int kHeldPcs = 8;  // frames kept of where each held lock was taken (C++ wrappers take 3)
constexpr int kMaxCycle = 128;  // longest cycle reported (edges)

// Where one thread took `to` while holding `from`: what a report shows for an edge.
struct Evidence {
  int tid;
  uint32_t thread;
  uint8_t stack_len, held_len;
  uintptr_t stack[kMaxStack];    // where `to` was acquired while `from` was held
  uintptr_t held_pcs[kHeldPcs];  // where `from` had been acquired
};

constexpr int kWitnessBelow = 3;  // locks remembered held under an edge's `from`, per thread

struct Witness {
  uint32_t thread;  // the hook's thread uid
  uint32_t clock;   // the create/join clock when the thread made this edge
  const Evidence *ev;  // this thread's acquisition; nullptr for the first (the edge's own)
  // uids of locks this thread held under `from` (nearest first) when it took `to`: it held them
  // while it waited for `to`, so a deadlock can use it for a run of the cycle's edges.
  uint32_t below[kWitnessBelow];
};

struct Edge {
  uint32_t from, to;          // node slots
  uint32_t from_uid, to_uid;  // lives of the two locks when the edge was made
  Edge *next_out = nullptr;
  Edge *next_in = nullptr;
  Edge **pprev_out = nullptr;  // the link that points at this edge in its lists
  Edge **pprev_in = nullptr;
  bool back = false;          // closed a cycle when inserted; not part of the order
  bool exclusive = false;       // some acquisition of `to` could block on a reader (not a shared
                                // acquisition of a reader-preferring rwlock)
  bool from_exclusive = false;  // `from` was held, at some acquisition, in a mode that blocks readers
  bool many_threads = false;  // more distinct threads than witness slots
  bool gates_known = false;
  bool pinned = false;        // a pending report refers to it: never reused
  uint8_t nwitness = 0;
  uint8_t ngates = 0;
  Witness witness[kMaxWitnesses];
  uint32_t gates[kMaxGates];  // uids of locks held at every acquisition, besides `from`
  // Evidence of the first acquisition, for reports.
  int tid = 0;
  uint32_t thread = 0;
  uint8_t stack_len = 0;
  uint8_t held_len = 0;
  uintptr_t stack[kMaxStack];   // where `to` was acquired while `from` was held
  uintptr_t held_pcs[kHeldPcs]; // where `from` had been acquired
};

class Graph {
 public:
  // Reserves memory for `max_nodes` slots; false when the memory cannot be had.
  bool Init(uint32_t max_nodes);
  uint32_t max_nodes() const { return max_nodes_; }

  // Slot `slot` starts a new life with uid `uid` (0: dead). Its edges leave the graph (also
  // the lists of their other ends, so a long-lived lock does not keep its dead neighbours'
  // edges); they are returned chained through `next_out`, for the caller to reuse. O(degree).
  Edge *ResetNode(uint32_t slot, uint32_t uid);
  uint32_t uid(uint32_t slot) const { return uid_[slot]; }

  // The live edge from->to, or nullptr. Linear in the out-degree of `from`.
  Edge *Find(uint32_t from, uint32_t to) const;

  // Links `e` (from, to and the uids filled in by the caller). When it closes a cycle, stores
  // the path to ... from in `path` (at most `max_path` edges) and returns the path's length;
  // `e` is marked back when the cycle runs through ordered edges only (otherwise it keeps the
  // order and the cycle runs through an older back edge). Returns 0 when no cycle. Cost: O(1)
  // when the order already agrees and no back edge exists; else proportional to the edges among
  // nodes ranked between `to` and `from`. Once back edges exist, a cycle through one of them is
  // searched for too, among at most kBackSearchBudget nodes reachable from `to` (a cycle beyond
  // that is missed: the cost per new edge stays bounded in a large graph).
  int Insert(Edge *e, Edge **path, int max_path);
  static constexpr uint32_t kBackSearchBudget = 4096;

  // Any path src ~> dst over live edges, back edges included (depth-first, iterative); its
  // length, or 0. Linear in the part of the graph reachable from src; with a `budget`, gives up
  // (0) after visiting that many nodes.
  int FindPath(uint32_t src, uint32_t dst, Edge **path, int max_path, uint32_t budget = 0);

  // Cycles can only run through back edges: without any live one, no edge is on a cycle.
  bool HasBackEdges() const { return nback_ != 0; }
  uint32_t back_edges() const { return nback_; }

  // For tests: every live ordered edge goes from a lower to a higher rank.
  bool CheckOrder() const;

 private:
  bool Live(const Edge *e) const {
    return uid_[e->from] == e->from_uid && uid_[e->to] == e->to_uid;
  }
  // Depth-first search from `start`; visits nodes accepted by the rank window and collects them
  // in `found`. Returns true if `target` was reached (forward only); false also when `budget`
  // (0: none) nodes were visited without reaching it.
  bool Search(uint32_t start, bool forward, uint32_t lo, uint32_t hi, uint32_t target,
              bool ordered_only, uint32_t *found, uint32_t *nfound, uint32_t budget = 0);
  int PathTo(uint32_t src, uint32_t dst, Edge **path, int max_path) const;
  void Reorder(uint32_t *fwd, uint32_t nfwd, uint32_t *bwd, uint32_t nbwd);

  uint32_t max_nodes_ = 0;
  uint32_t *uid_ = nullptr;
  uint32_t *rank_ = nullptr;
  uint32_t *visit_ = nullptr;   // epoch of the last search that visited the node
  Edge **out_ = nullptr;
  Edge **in_ = nullptr;
  Edge **parent_ = nullptr;     // edge by which the current search reached the node
  Edge **iter_ = nullptr;       // next edge to try, per node on the search stack
  uint32_t *stack_ = nullptr;
  uint32_t *fwd_ = nullptr;
  uint32_t *bwd_ = nullptr;
  uint32_t *ranks_ = nullptr;
  // New nodes rank after every other (upward from 2^31); an isolated node that must come
  // first takes a rank below every other (downward from 2^31 - 1).
  uint32_t next_rank_ = 1u << 31;
  uint32_t low_rank_ = (1u << 31) - 1;
  uint32_t nback_ = 0;
  uint32_t epoch_ = 0;
};

}  // namespace lg

#endif  // LOCKGRAPH_RUNTIME_HOOK_GRAPH_H_
