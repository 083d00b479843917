// ompl's pSBL::threadSolve() in miniature: a lightswitch whose first member takes the group's
// lock after testing the count for 0, and counts itself in right after (`if (n == 0)
// loopLock_.lock(); n++;`); the last one out gives it back. One pass of the loop `continue`s
// between the two halves without counting itself out, so its thread goes round still counted
// in, with the group's lock held: the next pass reaches `loopLock_.lock()` again, but only
// when the count is 0, which it cannot be while this thread is counted in. Neither a
// self-deadlock nor an inversion of `counterLock_` and `loopLock_` (before: a self-deadlock;
// with the `continue` removed, an inversion). The twin lightswitch_relock_flag.cc tests a flag
// nothing counts: there the relock is reported.
// STATIC-RUN:
#include <mutex>
#include <thread>
#include <vector>

struct Planner {
  std::mutex loopLock_, counterLock_;
  unsigned loopCounter_ = 0;
  long samples_ = 0;

  static bool sample(unsigned i) { return i % 7 != 0; }

  void prune() {
    if (loopLock_.try_lock()) {  // only while no sampler is counted in
      samples_ = 0;
      loopLock_.unlock();
    }
  }

  void threadSolve(unsigned tid) {
    for (unsigned i = 0; i < 1000; i++) {
      prune();
      counterLock_.lock();
      if (loopCounter_ == 0)
        loopLock_.lock();
      loopCounter_++;
      counterLock_.unlock();

      if (!sample(i + tid))
        continue;

      counterLock_.lock();
      loopCounter_--;
      if (loopCounter_ == 0)
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
