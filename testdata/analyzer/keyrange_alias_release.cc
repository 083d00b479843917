// rocksdb's toku locktree (range locking): a locked_keyrange locks the tree's root in
// prepare(), acquire() walks down hand over hand and keeps one node locked, remembered in
// m_subtree, and release() unlocks m_subtree - an alias of the root or of a child. Every
// prepare() is given back by release(): nothing stays held between calls or loop iterations,
// also where prepare() is followed by release() directly (release_locks()) or acquire() runs in
// a callee given the keyrange (migrate()). Twin: keyrange_alias_release_leak.cc.
// STATIC-RUN:
#include <pthread.h>
#include <thread>

class treenode {
 public:
  treenode() { pthread_mutex_init(&m_mutex, nullptr); }
  void mutex_lock() { pthread_mutex_lock(&m_mutex); }
  void mutex_unlock() { pthread_mutex_unlock(&m_mutex); }
  treenode *find_locked_child(int key);
  int value = 0;

 private:
  pthread_mutex_t m_mutex;
  treenode *m_left = nullptr;
  treenode *m_right = nullptr;
};

// Called with this node locked; returns a node that is locked (this one or a descendant).
treenode *treenode::find_locked_child(int key) {
  treenode *child = key < value ? m_left : m_right;
  if (child == nullptr)
    return this;
  child->mutex_lock();
  mutex_unlock();
  return child->find_locked_child(key);
}

class concurrent_tree {
 public:
  class locked_keyrange {
   public:
    void prepare(concurrent_tree *tree);
    void acquire(int key);
    void release();
    void insert(int v) { m_subtree->value += v; }
    void remove_all() { m_subtree->value = 0; }

   private:
    concurrent_tree *m_tree = nullptr;
    treenode *m_subtree = nullptr;
  };

 private:
  treenode m_root;
};

void concurrent_tree::locked_keyrange::prepare(concurrent_tree *tree) {
  treenode *const root = &tree->m_root;
  m_tree = tree;
  m_subtree = root;
  root->mutex_lock();
}

void concurrent_tree::locked_keyrange::acquire(int key) {
  treenode *const root = &m_tree->m_root;
  m_subtree = root->find_locked_child(key);
}

void concurrent_tree::locked_keyrange::release() { m_subtree->mutex_unlock(); }

class locktree {
 public:
  void acquire_lock(int key) {
    concurrent_tree::locked_keyrange lkr;
    lkr.prepare(&m_rangetree);
    lkr.acquire(key);
    lkr.insert(1);
    lkr.release();
  }
  static int acquire_consolidated(void *prepared, int key) {
    auto *lkr = static_cast<concurrent_tree::locked_keyrange *>(prepared);
    lkr->acquire(key);
    lkr->insert(key);
    return 0;
  }
  void migrate(int n) {
    concurrent_tree sto_rangetree;
    concurrent_tree::locked_keyrange sto_lkr;
    for (int i = 0; i < n; i++) {
      sto_lkr.prepare(&sto_rangetree);
      acquire_consolidated(&sto_lkr, i);
      sto_lkr.release();
    }
    sto_lkr.prepare(&sto_rangetree);
    sto_lkr.remove_all();
    sto_lkr.release();
  }
  void release_locks(int n) {
    concurrent_tree::locked_keyrange lkr;
    lkr.prepare(&m_rangetree);
    if (n > 0)
      migrate(n);
    lkr.release();
    acquire_lock(n);
  }
  void escalate(int n) {
    for (int i = 0; i < n; i++) {
      concurrent_tree::locked_keyrange lkr;
      lkr.prepare(&m_rangetree);
      lkr.acquire(i);
      lkr.insert(-1);
      lkr.release();
    }
    acquire_lock(n);
  }

 private:
  concurrent_tree m_rangetree;
};

int main() {
  locktree lt;
  std::thread a([&] { lt.escalate(3); });
  std::thread b([&] { lt.release_locks(1); });
  a.join();
  b.join();
  return 0;
}
