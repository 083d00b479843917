// std::condition_variable::wait_for (libstdc++: pthread_cond_clockwait on CLOCK_MONOTONIC) while
// holding another std::mutex H that the signaler never needs: no wait-holding, as for an untimed
// wait (cxx_condition_variable.cc is the case where the signaler needs H).
// HOOK-RUN:
// TSAN: clean
#include <chrono>
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
  while (!ready)
    C.wait_for(m, std::chrono::seconds(5));
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
