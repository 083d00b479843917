// STATIC-RUN:
// A std::unique_lock made with defer_lock is locked only under a condition and given back
// `if (lock.owns_lock()) lock.unlock();` (gringo's clasp, ParallelSolve::commitUnsat()), then
// locked again further down: where it owned its mutex the test unlocked it, where it did not
// there was nothing to unlock, so the second lock() never finds the mutex held. No
// self-deadlock. The twin tests something else before its unlock (`if (verbose)`): where the
// mutex was taken and verbose is off, the second lock() is taken while it is still held.
#include <mutex>
#include <thread>

struct Shared {
  std::mutex modelM;
  std::mutex statsM;
  int lower = 0;
  int count = 0;
};

static Shared shared;

static bool commitUnsat(bool sync, int bound) {
  std::unique_lock<std::mutex> lock(shared.modelM, std::defer_lock);
  if (sync)
    lock.lock();
  bool result = bound > 0;
  if (lock.owns_lock())
    lock.unlock();
  if (result) {
    lock.lock();
    if (bound > shared.lower)
      shared.lower = bound;
    lock.unlock();
  }
  return result;
}

// the same through the guard's bool conversion, negated
static void commitBound(bool sync, int bound) {
  std::unique_lock<std::mutex> lock(shared.modelM, std::defer_lock);
  if (sync)
    lock.lock();
  if (!lock)
    ;
  else
    lock.unlock();
  lock.lock();
  shared.lower += bound;
}

static bool commitStats(bool sync, bool verbose, int n) {
  std::unique_lock<std::mutex> lock(shared.statsM, std::defer_lock);
  if (sync)
    lock.lock();
  if (verbose)
    lock.unlock();
  lock.lock();  // EXPECT-STATIC: self-deadlock shared.statsM
  shared.count += n;
  return true;
}

int main() {
  std::thread a([] { commitUnsat(true, 1); commitBound(true, 1); commitStats(true, false, 1); });
  std::thread b([] { commitUnsat(false, 2); commitStats(false, true, 2); });
  a.join();
  b.join();
  return 0;
}
