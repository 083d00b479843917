// Clang thread-safety annotations: a GUARDED_BY field updated without its lock.
// STATIC-RUN:
// TSAN: racy
#include <mutex>
#include <thread>

#define CAPABILITY(x) __attribute__((capability(x)))
#define GUARDED_BY(x) __attribute__((guarded_by(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }

private:
  std::mutex mu_;
};

class Stats {
public:
  void hit() {
    mu.Lock();
    hits++;
    mu.Unlock();
  }
  void miss() {
    misses += 1;  // EXPECT-STATIC: unlocked-rmw Stats::misses
  }
  Mutex mu;
  int hits GUARDED_BY(mu) = 0;
  int misses GUARDED_BY(mu) = 0;
};

Stats stats;

int main() {
  std::thread a([] { for (int i = 0; i < 1000; i++) { stats.hit(); stats.miss(); } });
  std::thread b([] { for (int i = 0; i < 1000; i++) { stats.hit(); stats.miss(); } });
  a.join();
  b.join();
  return 0;
}
