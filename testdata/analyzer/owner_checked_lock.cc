// A lock made recursive by hand (gperftools' MemoryRegionMap::Lock()): the owner's thread id and
// a count are kept beside the mutex, and the lock function returns at once when the caller
// already owns it. RegionMap::FindStack() takes the lock again below ForEachRegion()'s hold:
// no self-deadlock. Before, the re-entry was reported as one. Twin: PlainMap's lock function
// has no owner test, and the same re-entry is a real self-deadlock.
// STATIC-RUN:
#include <pthread.h>
#include <thread>

// gperftools' SpinLock: a lock class with thread-safety attributes
class __attribute__((capability("mutex"))) SpinLock {
 public:
  void Lock() __attribute__((acquire_capability())) { pthread_mutex_lock(&m_); }
  void Unlock() __attribute__((release_capability())) { pthread_mutex_unlock(&m_); }

 private:
  pthread_mutex_t m_ = PTHREAD_MUTEX_INITIALIZER;
};

class RegionMap {
 public:
  static void Lock() __attribute__((acquire_capability(lock_)));
  static void Unlock() __attribute__((release_capability(lock_)));
  static int FindStack(int top) {
    Lock();
    int found = top > regions_;
    Unlock();
    return found;
  }
  static void ForEachRegion() {
    Lock();
    for (int i = 0; i < regions_; i++)
      FindStack(i);
    Unlock();
  }
  static void Add() {
    Lock();
    regions_++;
    Unlock();
  }

 private:
  static SpinLock lock_;
  static pthread_mutex_t owner_mu_;
  static pthread_t owner_;
  static int count_, regions_;
};
SpinLock RegionMap::lock_;
pthread_mutex_t RegionMap::owner_mu_ = PTHREAD_MUTEX_INITIALIZER;
pthread_t RegionMap::owner_;
int RegionMap::count_, RegionMap::regions_;

void RegionMap::Lock() {
  pthread_mutex_lock(&owner_mu_);
  if (count_ > 0 && pthread_equal(owner_, pthread_self())) {
    count_++;
    pthread_mutex_unlock(&owner_mu_);
    return;
  }
  pthread_mutex_unlock(&owner_mu_);
  lock_.Lock();
  pthread_mutex_lock(&owner_mu_);
  owner_ = pthread_self();
  count_ = 1;
  pthread_mutex_unlock(&owner_mu_);
}

void RegionMap::Unlock() {
  pthread_mutex_lock(&owner_mu_);
  bool last = --count_ == 0;
  pthread_mutex_unlock(&owner_mu_);
  if (last)
    lock_.Unlock();
}

class PlainMap {
 public:
  static void Lock() __attribute__((acquire_capability(lock_))) { lock_.Lock(); }
  static void Unlock() __attribute__((release_capability(lock_))) { lock_.Unlock(); }
  static int FindStack(int top) {
    Lock();  // EXPECT-STATIC: self-deadlock PlainMap::lock_
    int found = top > regions_;
    Unlock();
    return found;
  }
  static void ForEachRegion() {
    Lock();
    for (int i = 0; i < regions_; i++)
      FindStack(i);
    Unlock();
  }
  static void Add() {
    Lock();
    regions_++;
    Unlock();
  }

 private:
  static SpinLock lock_;
  static int regions_;
};
SpinLock PlainMap::lock_;
int PlainMap::regions_;

int main() {
  std::thread a([] { RegionMap::Add(); PlainMap::Add(); });
  std::thread b([] { RegionMap::ForEachRegion(); PlainMap::ForEachRegion(); });
  a.join();
  b.join();
  return 0;
}
