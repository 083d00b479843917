// std::condition_variable_any waits with any lockable; libstdc++ implements it with an internal
// std::mutex, taken while the user's lock is held and released before the user's lock is taken
// again. Used the normal way (a waiter holding only the user's lock, a notifier under it),
// nothing is wrong: no finding.
// HOOK-RUN:
// TSAN: clean
#include <condition_variable>
#include <mutex>
#include <shared_mutex>
#include <thread>

std::mutex M;
std::condition_variable_any C;
int stage;  // under M

static void waiter() {
  std::unique_lock<std::mutex> m(M);
  C.wait(m, [] { return stage >= 1; });
  stage = 2;
  C.notify_all();
}

static void notifier() {
  {
    std::lock_guard<std::mutex> m(M);
    stage = 1;
    C.notify_all();
  }
  std::unique_lock<std::mutex> m(M);
  C.wait(m, [] { return stage >= 2; });
}

int main() {
  std::thread t1(waiter), t2(notifier);
  t1.join();
  t2.join();
  return 0;
}
