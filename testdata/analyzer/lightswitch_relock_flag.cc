// Twin of lightswitch_relock.cc: the lock is taken under a test of a flag that nothing
// counts (`if (idle_ == 0) loopLock_.lock();`), and the pass that `continue`s keeps it: the
// next pass takes it again while it holds it, a real self-deadlock. Reported.
// STATIC-RUN:
#include <mutex>
#include <thread>
#include <vector>

struct Planner {
  std::mutex loopLock_, counterLock_;
  unsigned idle_ = 0;

  static bool sample(unsigned i) { return i % 7 != 0; }

  void threadSolve(unsigned tid) {
    for (unsigned i = 0; i < 1000; i++) {
      counterLock_.lock();
      if (idle_ == 0)
        loopLock_.lock();  // EXPECT-STATIC: self-deadlock Planner::loopLock_
      counterLock_.unlock();

      if (!sample(i + tid))
        continue;

      counterLock_.lock();
      if (idle_ == 0)
        loopLock_.unlock();
      counterLock_.unlock();
    }
  }
};

int main() {
  Planner p;
  std::vector<std::thread> t;
  for (unsigned i = 0; i < 2; i++)
    t.emplace_back([&p, i] { p.threadSolve(i); });
  for (auto &x : t)
    x.join();
  return 0;
}
