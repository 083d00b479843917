// STATIC-RUN:
// STATIC-COMPILE: -std=c++17
// A node's lock is a member of a small wrapper class (`struct PMutex { pthread_mutex_t m; }`),
// taken by a scoped guard: `Node::mutex.m` is the lock of the node that holds `mutex`, so it
// guards the node's own fields. `virtual_loss` is added under it and taken back after the
// guard's scope: reported (before, a lock inside a member object was taken to guard only that
// member's own fields, and nothing was said). `hits`, always under the lock, is not.
#include <pthread.h>
#include <thread>
#include <vector>

struct PMutex {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
};

class PLock {
 public:
  explicit PLock(PMutex &m) : m_mutex(&m) { pthread_mutex_lock(&m_mutex->m); }
  ~PLock() { pthread_mutex_unlock(&m_mutex->m); }

 private:
  PMutex *m_mutex;
};

struct Node {
  PMutex mutex;
  int hits = 0;
  int virtual_loss = 0;
};

static void search(Node *root) {
  for (int i = 0; i < 1000; i++) {
    {
      PLock lock(root->mutex);
      root->hits++;
      root->virtual_loss += 3;
    }
    root->virtual_loss -= 3;  // EXPECT-STATIC: unlocked-rmw Node::virtual_loss
  }
}

int main() {
  Node root;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++)
    threads.emplace_back(search, &root);
  for (auto &t : threads)
    t.join();
  return root.hits > 0 ? 0 : 1;
}
