// std::condition_variable::wait while holding another std::mutex H: wait-holding H on the wait.
// The signaler waits (on its own condition, holding only M) until the waiter is in its wait.
// HOOK-RUN:
// TSAN: clean
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex H, M;
std::condition_variable C, Waiting;
bool waiting, ready;  // under M

static void waiter() {
  std::lock_guard<std::mutex> h(H);
  std::unique_lock<std::mutex> m(M);
  waiting = true;
  Waiting.notify_one();
  C.wait(m, [] { return ready; });  // EXPECT: wait-holding H
}

static void signaler() {
  std::unique_lock<std::mutex> m(M);
  Waiting.wait(m, [] { return waiting; });
  ready = true;
  C.notify_one();
}

int main() {
  std::thread t1(waiter), t2(signaler);
  t1.join();
  t2.join();
  return 0;
}
