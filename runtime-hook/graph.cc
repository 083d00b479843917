#include "graph.h"

#include <algorithm>

#include "internal.h"

namespace lg {

bool Graph::Init(uint32_t max_nodes) {
  max_nodes_ = max_nodes;
  size_t n = max_nodes;
  uid_ = static_cast<uint32_t *>(MapZeroed(n * sizeof(uint32_t)));
  rank_ = static_cast<uint32_t *>(MapZeroed(n * sizeof(uint32_t)));
  visit_ = static_cast<uint32_t *>(MapZeroed(n * sizeof(uint32_t)));
  out_ = static_cast<Edge **>(MapZeroed(n * sizeof(Edge *)));
  in_ = static_cast<Edge **>(MapZeroed(n * sizeof(Edge *)));
  parent_ = static_cast<Edge **>(MapZeroed(n * sizeof(Edge *)));
  iter_ = static_cast<Edge **>(MapZeroed(n * sizeof(Edge *)));
  stack_ = static_cast<uint32_t *>(MapZeroed(n * sizeof(uint32_t)));
  fwd_ = static_cast<uint32_t *>(MapZeroed(n * sizeof(uint32_t)));
  bwd_ = static_cast<uint32_t *>(MapZeroed(n * sizeof(uint32_t)));
  ranks_ = static_cast<uint32_t *>(MapZeroed(2 * n * sizeof(uint32_t)));
  return uid_ && rank_ && visit_ && out_ && in_ && parent_ && iter_ && stack_ && fwd_ && bwd_ &&
         ranks_;
}

namespace {
void UnlinkOut(Edge *e) {
  *e->pprev_out = e->next_out;
  if (e->next_out) e->next_out->pprev_out = e->pprev_out;
}
void UnlinkIn(Edge *e) {
  *e->pprev_in = e->next_in;
  if (e->next_in) e->next_in->pprev_in = e->pprev_in;
}
}  // namespace

Edge *Graph::ResetNode(uint32_t slot, uint32_t uid) {
  Edge *dead = nullptr;
  // A slot without a live lock (never used, or reset when its lock died) has no edges: its
  // adjacency words are not even read, so a million locks without edges cost no pages there.
  if (uid_[slot] == 0) {
    uid_[slot] = uid;
    rank_[slot] = next_rank_++;
    return nullptr;
  }
  while (Edge *e = out_[slot]) {
    UnlinkOut(e);
    UnlinkIn(e);
    if (e->back) --nback_;
    e->next_out = dead;
    dead = e;
  }
  while (Edge *e = in_[slot]) {
    UnlinkOut(e);
    UnlinkIn(e);
    if (e->back) --nback_;
    e->next_out = dead;
    dead = e;
  }
  uid_[slot] = uid;
  rank_[slot] = next_rank_++;
  return dead;
}

Edge *Graph::Find(uint32_t from, uint32_t to) const {
  for (Edge *e = out_[from]; e; e = e->next_out)
    if (e->to == to && Live(e)) return e;
  return nullptr;
}

bool Graph::Search(uint32_t start, bool forward, uint32_t lo, uint32_t hi, uint32_t target,
                   bool ordered_only, uint32_t *found, uint32_t *nfound, uint32_t budget) {
  uint32_t depth = 0;
  visit_[start] = epoch_;
  parent_[start] = nullptr;
  iter_[start] = forward ? out_[start] : in_[start];
  stack_[depth++] = start;
  found[(*nfound)++] = start;
  while (depth > 0) {
    uint32_t n = stack_[depth - 1];
    Edge *e = iter_[n];
    if (e == nullptr) {
      --depth;
      continue;
    }
    iter_[n] = forward ? e->next_out : e->next_in;
    if (!Live(e) || (ordered_only && e->back)) continue;
    uint32_t m = forward ? e->to : e->from;
    if (visit_[m] == epoch_) continue;
    if (forward && m == target) {
      parent_[m] = e;
      visit_[m] = epoch_;
      return true;
    }
    if (rank_[m] < lo || rank_[m] > hi) continue;
    if (budget != 0 && *nfound >= budget) return false;
    visit_[m] = epoch_;
    parent_[m] = e;
    iter_[m] = forward ? out_[m] : in_[m];
    stack_[depth++] = m;
    found[(*nfound)++] = m;
  }
  return false;
}

int Graph::PathTo(uint32_t src, uint32_t dst, Edge **path, int max_path) const {
  int len = 0;
  for (uint32_t n = dst; n != src && parent_[n] != nullptr; n = parent_[n]->from) ++len;
  int keep = len < max_path ? len : max_path;
  int i = len;
  for (uint32_t n = dst; n != src && parent_[n] != nullptr; n = parent_[n]->from) {
    --i;
    if (i < keep) path[i] = parent_[n];
  }
  return keep;
}

int Graph::Insert(Edge *e, Edge **path, int max_path) {
  uint32_t x = e->from, y = e->to;
  int len = 0;
  // An end without edges can take any rank: move it instead of searching. Locks are usually
  // first used in some order, not created in it; without this, a chain met against creation
  // order (b -> a, c -> b, ...) would reorder the whole chain at every edge.
  if (rank_[x] >= rank_[y]) {
    if (out_[y] == nullptr && in_[y] == nullptr && next_rank_ != 0)
      rank_[y] = next_rank_++;
    else if (out_[x] == nullptr && in_[x] == nullptr && low_rank_ != 0)
      rank_[x] = low_rank_--;
  }
  if (rank_[x] >= rank_[y]) {
    ++epoch_;
    uint32_t nfwd = 0;
    // Forward from y through nodes ranked no higher than x: reaching x closes a cycle.
    if (Search(y, /*forward=*/true, 0, rank_[x], x, /*ordered_only=*/true, fwd_, &nfwd)) {
      len = PathTo(y, x, path, max_path);
      e->back = true;
      ++nback_;
    } else {
      uint32_t nbwd = 0;
      ++epoch_;
      Search(x, /*forward=*/false, rank_[y], ~0u, ~0u, /*ordered_only=*/true, bwd_, &nbwd);
      Reorder(fwd_, nfwd, bwd_, nbwd);
    }
  }
  e->next_out = out_[x];
  if (e->next_out) e->next_out->pprev_out = &e->next_out;
  e->pprev_out = &out_[x];
  out_[x] = e;
  e->next_in = in_[y];
  if (e->next_in) e->next_in->pprev_in = &e->next_in;
  e->pprev_in = &in_[y];
  in_[y] = e;
  // The ordered search cannot see a cycle that runs through a back edge (y -> ... -> b => a ->
  // ... -> x, with b => a a cycle found earlier). Only when back edges exist - the program
  // already has an inversion - is every edge searched for one, within a budget. A path needs an
  // edge out of y and one into x other than e.
  if (len == 0 && nback_ != 0 && out_[y] != nullptr && in_[x] != nullptr)
    len = FindPath(y, x, path, max_path, kBackSearchBudget);
  return len;
}

void Graph::Reorder(uint32_t *fwd, uint32_t nfwd, uint32_t *bwd, uint32_t nbwd) {
  // The nodes that reach x (bwd) must all come before the nodes reachable from y (fwd); they
  // share the ranks they had among them.
  auto by_rank = [this](uint32_t a, uint32_t b) { return rank_[a] < rank_[b]; };
  std::sort(fwd, fwd + nfwd, by_rank);
  std::sort(bwd, bwd + nbwd, by_rank);
  uint32_t n = 0;
  for (uint32_t i = 0; i < nbwd; ++i) ranks_[n++] = rank_[bwd[i]];
  for (uint32_t i = 0; i < nfwd; ++i) ranks_[n++] = rank_[fwd[i]];
  std::sort(ranks_, ranks_ + n);
  n = 0;
  for (uint32_t i = 0; i < nbwd; ++i) rank_[bwd[i]] = ranks_[n++];
  for (uint32_t i = 0; i < nfwd; ++i) rank_[fwd[i]] = ranks_[n++];
}

int Graph::FindPath(uint32_t src, uint32_t dst, Edge **path, int max_path, uint32_t budget) {
  ++epoch_;
  uint32_t nfound = 0;
  if (!Search(src, /*forward=*/true, 0, ~0u, dst, /*ordered_only=*/false, fwd_, &nfound, budget))
    return 0;
  return PathTo(src, dst, path, max_path);
}

bool Graph::CheckOrder() const {
  for (uint32_t n = 0; n < max_nodes_; ++n)
    for (Edge *e = out_[n]; e; e = e->next_out)
      if (Live(e) && !e->back && rank_[e->from] >= rank_[e->to]) return false;
  return true;
}

}  // namespace lg
