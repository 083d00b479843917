// STATIC-RUN:
// STATIC-COMPILE: -std=c++17
// A local object of a class that Clang's thread-safety attributes declare a lock (abseil's
// `class ABSL_LOCKABLE Mutex` and its `ABSL_SCOPED_LOCKABLE MutexLock`), captured by
// reference by the threads' lambda (absl/synchronization/barrier_test.cc: `absl::Mutex mutex;
// int counter = 0; auto thread_func = [&] { ...; absl::MutexLock lock(&mutex); ++counter; };`).
// A local std::mutex was named by its function; a local of any other lock class was no lock at
// all, so the update under it was reported as unlocked. The twin updates `counter` after the
// guard's scope: reported.
#include <thread>
#include <vector>

class __attribute__((capability("mutex"))) Mutex {
 public:
  void Lock() __attribute__((acquire_capability()));
  void Unlock() __attribute__((release_capability()));
};

class __attribute__((scoped_lockable)) MutexLock {
 public:
  explicit MutexLock(Mutex *mu) __attribute__((acquire_capability(mu))) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() __attribute__((release_capability())) { mu_->Unlock(); }

 private:
  Mutex *const mu_;
};

int sanity_test() {
  Mutex mutex;
  int counter = 0;
  auto thread_func = [&] {
    MutexLock lock(&mutex);
    ++counter;
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i)
    threads.emplace_back(thread_func);
  for (auto &t : threads)
    t.join();
  return counter;
}

int twin_test() {
  Mutex mutex;
  int counter = 0;
  auto thread_func = [&] {
    {
      MutexLock lock(&mutex);
      ++counter;
    }
    --counter;  // EXPECT-STATIC: unlocked-rmw counter
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i)
    threads.emplace_back(thread_func);
  for (auto &t : threads)
    t.join();
  return counter;
}
