// Seed (threading-notes.md, 死锁) in C++: `std::mutex A, B;`, five std::threads each run
// actionA() (A, then B) and actionB() (B, then A). After ~2 s the first thread holds B and waits
// for A while the second holds A and waits for B: a real deadlock. The hook reports the inversion
// A => B => A, then the actual deadlock, and ends the process with status 67.
// (One EXPECT per line: actual-deadlock is expected on the calls in run(), frames of the blocked
// threads' stacks.)
// HOOK-RUN: exit=67 timeout=30
// CONFIRM: confirmed
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kThreads = 5;

std::mutex A, B;

static void say(int id, const char *what) {
  std::time_t now = std::time(nullptr);
  char buf[32];
  std::printf("Thread-%d %s %s", id, what, ctime_r(&now, buf));
}

static void actionA(int id) {
  A.lock();
  say(id, "got lock A");
  std::this_thread::sleep_for(std::chrono::seconds(2));

  B.lock();  // EXPECT: lock-order-inversion A => B => A
  say(id, "got lock B");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  B.unlock();
  A.unlock();
}

static void actionB(int id) {
  B.lock();
  say(id, "got lock B");
  std::this_thread::sleep_for(std::chrono::seconds(2));

  A.lock();  // EXPECT: lock-order-inversion A => B => A
  say(id, "got lock A");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  A.unlock();
  B.unlock();
}

static void run(int id) {
  actionA(id);  // EXPECT: actual-deadlock
  actionB(id);  // EXPECT: actual-deadlock
}

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; i++)
    threads.emplace_back(run, i + 1);
  for (auto &t : threads)
    t.join();
  std::printf("end\n");
  return 0;
}
// STATIC-RUN:
