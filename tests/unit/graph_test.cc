// The lock-order graph against a naive reference model under random operations, plus small
// named cases (as Abseil's graphcycles_test does).
#include "graph.h"

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <vector>

namespace lg {
namespace {

class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(g.Init(kNodes));
    for (uint32_t i = 1; i < kNodes; ++i) g.ResetNode(i, next_uid++);
  }
  // Adds from->to unless present; returns the cycle length (0: none).
  int Add(uint32_t from, uint32_t to, std::vector<Edge *> *path_out = nullptr) {
    if (g.Find(from, to)) return -1;
    edges.push_back(std::make_unique<Edge>());
    Edge *e = edges.back().get();
    e->from = from;
    e->to = to;
    e->from_uid = g.uid(from);
    e->to_uid = g.uid(to);
    Edge *path[64];
    int n = g.Insert(e, path, 64);
    if (path_out) path_out->assign(path, path + n);
    return n;
  }
  static constexpr uint32_t kNodes = 64;
  Graph g;
  uint32_t next_uid = 1;
  std::vector<std::unique_ptr<Edge>> edges;
};

TEST_F(GraphTest, OrderedEdgesMakeNoCycle) {
  EXPECT_EQ(Add(1, 2), 0);
  EXPECT_EQ(Add(2, 3), 0);
  EXPECT_EQ(Add(1, 3), 0);
  EXPECT_TRUE(g.CheckOrder());
}

TEST_F(GraphTest, SimpleCycle) {
  EXPECT_EQ(Add(1, 2), 0);
  std::vector<Edge *> path;
  EXPECT_EQ(Add(2, 1, &path), 1);
  ASSERT_EQ(path.size(), 1u);
  EXPECT_EQ(path[0]->from, 1u);
  EXPECT_EQ(path[0]->to, 2u);
}

TEST_F(GraphTest, IndirectCycleReturnsThePath) {
  // 5 -> 4 -> 3 -> 2 -> 1 added against the initial order, then 1 -> 5 closes it.
  for (uint32_t i = 5; i > 1; --i) EXPECT_EQ(Add(i, i - 1), 0);
  EXPECT_TRUE(g.CheckOrder());
  std::vector<Edge *> path;
  EXPECT_EQ(Add(1, 5, &path), 4);
  uint32_t at = 5;
  for (Edge *e : path) {
    EXPECT_EQ(e->from, at);
    at = e->to;
  }
  EXPECT_EQ(at, 1u);
}

TEST_F(GraphTest, HundredLockCycle) {
  for (uint32_t i = 1; i < 50; ++i) EXPECT_EQ(Add(i, i + 1), 0);
  EXPECT_EQ(Add(50, 1), 49);
}

TEST_F(GraphTest, ResetNodeForgetsEdges) {
  EXPECT_EQ(Add(1, 2), 0);
  g.ResetNode(1, next_uid++);  // lock 1 destroyed, a new lock at the same address
  EXPECT_EQ(g.Find(1, 2), nullptr);
  EXPECT_EQ(Add(2, 1), 0) << "a reused address joined a dead lock's edges into a false cycle";
}

TEST_F(GraphTest, ResetNodeUnlinksEdgesFromLiveNeighbours) {
  // A long-lived lock 1 meets short-lived locks in both orders; their dead edges must leave its
  // lists (or every search from it slows down with the churn) and come back for reuse.
  EXPECT_EQ(Add(1, 2), 0);
  EXPECT_EQ(Add(3, 1), 0);
  EXPECT_EQ(Add(2, 1), 1);  // back edge
  EXPECT_TRUE(g.HasBackEdges());
  int dead = 0;
  for (Edge *e = g.ResetNode(2, next_uid++); e; e = e->next_out) {
    EXPECT_TRUE((e->from == 1 && e->to == 2) || (e->from == 2 && e->to == 1));
    ++dead;
  }
  EXPECT_EQ(dead, 2);
  EXPECT_FALSE(g.HasBackEdges()) << "the back edge died with lock 2";
  EXPECT_NE(g.Find(3, 1), nullptr) << "an unrelated edge was unlinked";
  EXPECT_EQ(g.ResetNode(2, next_uid++), nullptr);
  Edge *path[8];
  EXPECT_EQ(g.FindPath(1, 2, path, 8), 0);
  EXPECT_EQ(Add(1, 4), 0);
  EXPECT_EQ(Add(4, 3), 2);  // 3 -> 1 -> 4 -> 3: still found through the surviving edges
}

TEST_F(GraphTest, FindPathUsesBackEdges) {
  EXPECT_EQ(Add(1, 2), 0);
  EXPECT_EQ(Add(2, 1), 1);  // back edge
  Edge *path[8];
  EXPECT_EQ(g.FindPath(2, 1, path, 8), 1);
  EXPECT_EQ(g.FindPath(1, 2, path, 8), 1);
  EXPECT_EQ(g.FindPath(1, 3, path, 8), 0);
}

TEST_F(GraphTest, CycleThroughAnOlderBackEdge) {
  EXPECT_EQ(Add(1, 2), 0);
  EXPECT_EQ(Add(2, 1), 1);  // back edge: 1 -> 2 -> 1
  EXPECT_EQ(Add(1, 3), 0);
  std::vector<Edge *> path;
  // 3 -> 2 agrees with the order, yet closes 3 -> 2 => 1 -> 3 through the back edge.
  ASSERT_EQ(Add(3, 2, &path), 2);
  EXPECT_EQ(path[0]->from, 2u);
  EXPECT_TRUE(path[0]->back);
  EXPECT_EQ(path[1]->to, 3u);
  EXPECT_FALSE(edges.back()->back);
  EXPECT_TRUE(g.CheckOrder());
}

// The naive model: the set of ordered (non-back) edges and of all edges; a new edge closes a
// cycle iff its target reaches its source through any edges, and is a back edge (outside the
// order) iff it does through ordered ones.
bool Reaches(const std::set<std::pair<uint32_t, uint32_t>> &es, uint32_t from, uint32_t to) {
  std::set<uint32_t> seen{from};
  std::deque<uint32_t> q{from};
  while (!q.empty()) {
    uint32_t n = q.front();
    q.pop_front();
    if (n == to) return true;
    for (auto it = es.lower_bound({n, 0}); it != es.end() && it->first == n; ++it)
      if (seen.insert(it->second).second) q.push_back(it->second);
  }
  return false;
}

TEST_F(GraphTest, MatchesNaiveModelUnderRandomOperations) {
  std::mt19937 rng(12345);
  std::set<std::pair<uint32_t, uint32_t>> ordered, all;
  for (int step = 0; step < 20000; ++step) {
    uint32_t a = 1 + rng() % (kNodes - 1), b = 1 + rng() % (kNodes - 1);
    if (rng() % 50 == 0) {  // a lock dies and another is born at its address
      g.ResetNode(a, next_uid++);
      for (auto *s : {&ordered, &all})
        for (auto it = s->begin(); it != s->end();)
          it = (it->first == a || it->second == a) ? s->erase(it) : std::next(it);
      continue;
    }
    if (a == b) continue;
    bool present = all.count({a, b}) != 0;
    ASSERT_EQ(g.Find(a, b) != nullptr, present) << "step " << step;
    if (present) continue;
    bool back = Reaches(ordered, b, a);
    bool cycle = Reaches(all, b, a);
    std::vector<Edge *> path;
    int n = Add(a, b, &path);
    ASSERT_EQ(n > 0, cycle) << "step " << step << ": edge " << a << "->" << b;
    ASSERT_EQ(edges.back()->back, back) << "step " << step << ": edge " << a << "->" << b;
    if (cycle) {
      uint32_t at = b;  // the path must lead from b back to a over live edges
      for (Edge *e : path) {
        ASSERT_EQ(e->from, at);
        ASSERT_TRUE(all.count({e->from, e->to}));
        if (back) ASSERT_TRUE(ordered.count({e->from, e->to}));
        at = e->to;
      }
      ASSERT_EQ(at, a);
    }
    if (!back) ordered.insert({a, b});
    all.insert({a, b});
    if (step % 500 == 0) ASSERT_TRUE(g.CheckOrder()) << "step " << step;
  }
  EXPECT_TRUE(g.CheckOrder());
}

}  // namespace
}  // namespace lg
