// Seed (threading-notes.md, 同步锁), without the lock, in C++: 100 std::threads each decrement
// `num` as temp = num; sleep; num = temp - 1, and lose each other's updates. A data race; no lock
// is used, so the runtime hook has nothing to report.
// HOOK-RUN:
// TSAN: racy
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

constexpr int kThreads = 100;

int num = kThreads;

static void sub() {
  int temp = num;
  std::this_thread::sleep_for(std::chrono::microseconds(100));
  num = temp - 1;  // EXPECT-STATIC: unlocked-rmw num
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; i++)
    threads.emplace_back(sub);
  for (auto &t : threads)
    t.join();
  std::printf("final num: %d (0 only by luck)\n", num);
  return 0;
}
// STATIC-RUN:
