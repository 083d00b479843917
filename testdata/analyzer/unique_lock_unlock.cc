// unique_lock released early: the RMW after unlock() runs without the lock that
// protects `pending` everywhere else.
// STATIC-RUN:
// TSAN: racy
#include <atomic>
#include <mutex>
#include <thread>

std::mutex mu;
int pending = 0;
int processed = 0;
std::atomic<int> ready{0};

static void worker() {
  ready++;
  while (ready.load() < 2) {
  }
  for (int i = 0; i < 10000; i++) {
    std::unique_lock<std::mutex> lk(mu);
    pending++;
    processed++;
    lk.unlock();
    pending--;  // EXPECT-STATIC: unlocked-rmw pending
    std::this_thread::yield();
    lk.lock();
    processed++;
  }
}

int main() {
  std::thread a(worker), b(worker);
  a.join();
  b.join();
  return 0;
}
