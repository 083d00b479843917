// std::condition_variable wait and wait_for holding only the condition's mutex, with a signaler
// that takes A, then M (free while the waiter waits). Nothing to report: the re-acquisition of M
// at the end of a wait adds no edge, and no wait holds another lock.
// HOOK-RUN:
// TSAN: clean
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex A, M;
std::condition_variable C;
int stage;  // under M

static void waiter() {
  std::unique_lock<std::mutex> m(M);
  C.wait(m, [] { return stage >= 1; });
  stage = 2;
  C.notify_all();
  while (stage < 3)
    C.wait_for(m, std::chrono::seconds(1));
}

static void signaler() {
  {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> m(M);
    stage = 1;
    C.notify_all();
  }
  std::unique_lock<std::mutex> m(M);
  C.wait(m, [] { return stage >= 2; });
  stage = 3;
  C.notify_all();
}

int main() {
  std::thread t1(waiter), t2(signaler);
  t1.join();
  t2.join();
  return 0;
}
