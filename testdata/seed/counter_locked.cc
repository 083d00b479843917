// Seed (threading-notes.md, 同步锁) in C++: the read-sleep-write of `num` under a std::mutex
// (std::lock_guard), so the 100 decrements are serialized and num ends at 0.
// HOOK-RUN:
// TSAN: clean
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kThreads = 100;

std::mutex l;
int num = kThreads;

static void sub() {
  std::lock_guard<std::mutex> guard(l);
  int temp = num;
  std::this_thread::sleep_for(std::chrono::microseconds(100));
  num = temp - 1;
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; i++)
    threads.emplace_back(sub);
  for (auto &t : threads)
    t.join();
  std::printf("final num: %d\n", num);
  return num == 0 ? 0 : 1;
}
// STATIC-RUN:
