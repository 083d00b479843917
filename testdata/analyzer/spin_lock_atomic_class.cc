// STATIC-RUN:
// STATIC-COMPILE: -std=c++17
// A spin lock class made of a std::atomic<bool> and its scoped guard (leela-zero's SMP::Mutex
// and SMP::Lock: `while (m_mutex->m_lock.exchange(true, std::memory_order_acquire)) ;`, released
// by an exchange of false), and one made of std::atomic_flag. Search threads update a node's
// visit count under the node's spin lock, and a tree-wide counter under the flag: no lost update.
// The twin `Node::virtual_loss` is added under the node's lock and taken back after the guard's
// scope: reported.
#include <atomic>
#include <thread>
#include <vector>

class SpinMutex {
 public:
  std::atomic<bool> m_lock{false};
};

class SpinLock {
 public:
  explicit SpinLock(SpinMutex &m) : m_mutex(&m) { lock(); }
  ~SpinLock() { unlock(); }
  void lock() {
    while (m_mutex->m_lock.exchange(true, std::memory_order_acquire)) {
      while (m_mutex->m_lock.load(std::memory_order_relaxed)) {
      }
    }
    m_owns_lock = true;
  }
  void unlock() {
    m_mutex->m_lock.exchange(false, std::memory_order_release);
    m_owns_lock = false;
  }

 private:
  SpinMutex *m_mutex;
  bool m_owns_lock = false;
};

struct Node {
  SpinMutex mutex;
  int visits = 0;
  int virtual_loss = 0;
};

static std::atomic_flag tree_flag = ATOMIC_FLAG_INIT;
static long playouts;
// one evaluation at a time (leela-zero's `m_single_eval_in_progress.exchange(true) == false`,
// given back by `m_single_eval_in_progress = false`): what follows the release is unlocked
static std::atomic<bool> single_eval{false};
static long single_evals;

static void search(Node *root) {
  for (int i = 0; i < 1000; i++) {
    {
      SpinLock lock(root->mutex);
      root->visits++;
      root->virtual_loss += 3;
    }
    root->virtual_loss -= 3;  // EXPECT-STATIC: unlocked-rmw Node::virtual_loss
    while (tree_flag.test_and_set(std::memory_order_acquire)) {
    }
    playouts++;
    tree_flag.clear(std::memory_order_release);
    if (single_eval.exchange(true) == false) {
      single_evals++;
      single_eval = false;
      single_evals--;  // EXPECT-STATIC: unlocked-rmw single_evals
    }
  }
}

int main() {
  Node root;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++)
    threads.emplace_back(search, &root);
  for (auto &t : threads)
    t.join();
  return root.visits + static_cast<int>(playouts) > 0 ? 0 : 1;
}
