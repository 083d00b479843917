// A scoped guard returned by value (nzbget 21's util/Thread.h: `GuardedPtr<T>` locks its mutex
// in its constructor and unlocks it in its destructor; `DownloadQueue::Guard()` returns one,
// `GuardedDownloadQueue downloadQueue = DownloadQueue::Guard();`, and `Options::
// GuardOptEntries()` another, iterated with a range-for). The caller's variable owns the lock
// the call took, until it goes out of scope; a temporary nothing keeps
// (`DownloadQueue::Guard()->Save();`) gives it back at the end of its statement. Before, the
// lock stayed held to the caller's end: self-deadlocks in every function that took the queue
// twice, and an inversion through the option entries' lock.
// Twin: Coordinator::Reorder() really takes the queue's lock while holding the options' lock,
// and Coordinator::Apply() the other way round: an inversion.
// STATIC-RUN:
#include <mutex>
#include <thread>
#include <vector>

class Mutex {
public:
  void Lock() { m_mutexObj.lock(); }
  void Unlock() { m_mutexObj.unlock(); }

private:
  std::mutex m_mutexObj;
};

template <typename T>
class GuardedPtr {
public:
  GuardedPtr(T *ptr, Mutex *mutex) : m_ptr(ptr), m_mutex(mutex) {
    if (m_mutex)
      m_mutex->Lock();
  }
  GuardedPtr(GuardedPtr &&other) : m_ptr(other.m_ptr), m_mutex(other.m_mutex) { other.m_mutex = nullptr; }
  GuardedPtr(const GuardedPtr &other) = delete;
  ~GuardedPtr() { Unlock(); }
  T *operator->() { return m_ptr; }
  auto begin() { return m_ptr->begin(); }
  auto end() { return m_ptr->end(); }

private:
  T *m_ptr;
  Mutex *m_mutex;
  void Unlock() {
    if (m_mutex) {
      m_mutex->Unlock();
      m_mutex = nullptr;
    }
  }
};

class DownloadQueue {
public:
  static GuardedPtr<DownloadQueue> Guard() { return GuardedPtr<DownloadQueue>(g_DownloadQueue, &g_DownloadQueue->m_lockMutex); }
  void Save() { m_saved++; }
  std::vector<int> m_items;
  static DownloadQueue *g_DownloadQueue;

private:
  Mutex m_lockMutex;
  int m_saved = 0;
};
DownloadQueue *DownloadQueue::g_DownloadQueue;

class Options {
public:
  GuardedPtr<std::vector<int>> GuardOptEntries() { return GuardedPtr<std::vector<int>>(&m_optEntries, &m_optEntriesMutex); }

private:
  std::vector<int> m_optEntries;
  Mutex m_optEntriesMutex;
};
Options *g_Options;

class Coordinator {
public:
  void ArticleCompleted(int id) {
    {
      GuardedPtr<DownloadQueue> downloadQueue = DownloadQueue::Guard();
      downloadQueue->m_items.push_back(id);
    }
    DownloadQueue::Guard()->Save();
    int sum = 0;
    for (int e : g_Options->GuardOptEntries())
      sum += e;
    GuardedPtr<DownloadQueue> downloadQueue = DownloadQueue::Guard();
    downloadQueue->m_items.push_back(sum);
  }
  void Reorder() {
    GuardedPtr<std::vector<int>> entries = g_Options->GuardOptEntries();
    GuardedPtr<DownloadQueue> downloadQueue = DownloadQueue::Guard();  // EXPECT-STATIC: lock-order-inversion
    downloadQueue->m_items.push_back(entries->size());
  }
  void Apply() {
    GuardedPtr<DownloadQueue> downloadQueue = DownloadQueue::Guard();
    for (int e : g_Options->GuardOptEntries())
      downloadQueue->m_items.push_back(e);
  }
};

int main() {
  DownloadQueue q;
  Options o;
  DownloadQueue::g_DownloadQueue = &q;
  g_Options = &o;
  Coordinator c;
  std::thread a([&] { c.ArticleCompleted(1); c.Reorder(); });
  std::thread b([&] { c.ArticleCompleted(2); c.Apply(); });
  a.join();
  b.join();
}
