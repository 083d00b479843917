// std::condition_variable::wait while holding another std::mutex H, where the signaler needs H:
// it notifies while holding H (first round, before the waiter held H). A wait holding H starves
// such a signaler - it blocks on H and never notifies - so wait-holding H is reported on the wait,
// with the signaler's notify. The second wait is bounded (wait_for), so this run ends.
// HOOK-RUN:
// TSAN: clean
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex H, M;
std::condition_variable C;
bool ready;  // under M

static void waiter() {
  {
    std::unique_lock<std::mutex> m(M);
    C.wait(m, [] { return ready; });
  }
  std::lock_guard<std::mutex> h(H);
  std::unique_lock<std::mutex> m(M);
  C.wait_for(m, std::chrono::milliseconds(50));  // EXPECT: wait-holding H
}

static void signaler() {
  std::lock_guard<std::mutex> h(H);
  std::lock_guard<std::mutex> m(M);
  ready = true;
  C.notify_one();  // EXPECT: wait-holding H
}

int main() {
  std::thread t1(waiter), t2(signaler);
  t1.join();
  t2.join();
  return 0;
}
