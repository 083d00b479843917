#include <thread>

#include "mutex.h"

class Pool {
 public:
  int get() {
    ScopedLock<Mutex> lock(mutex_);
    purge();
    return ++gets_;
  }

 private:
  void purge() {
    ScopedLock<Mutex> lock(mutex_);
    if (idle_ > 4)
      idle_ = 0;
  }
  Mutex mutex_;
  int gets_ = 0;
  int idle_ = 0;
};

class Cache {
 public:
  int get() {
    ScopedLock<PlainMutex> lock(mutex_);
    purge();  // EXPECT-STATIC: self-deadlock Cache::mutex_
    return ++gets_;
  }

 private:
  void purge() {
    ScopedLock<PlainMutex> lock(mutex_);
    if (idle_ > 4)
      idle_ = 0;
  }
  PlainMutex mutex_;
  int gets_ = 0;
  int idle_ = 0;
};

static Pool pool;
static Cache cache;

int main() {
  std::thread a([] { pool.get(); cache.get(); });
  std::thread b([] { pool.get(); cache.get(); });
  a.join();
  b.join();
  return 0;
}
