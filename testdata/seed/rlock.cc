// Seed (threading-notes.md, 递归锁) in C++: one std::recursive_mutex taken twice by each action
// of five threads. Re-acquisition by the owner is no lock order: nothing to report.
// HOOK-RUN:
// TSAN: clean
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kThreads = 5;

std::recursive_mutex r_lock;

static void say(int id, const char *what) {
  std::time_t now = std::time(nullptr);
  char buf[32];
  std::printf("Thread-%d %s %s", id, what, ctime_r(&now, buf));
}

static void actionA(int id) {
  r_lock.lock();
  say(id, "got lock A");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  r_lock.lock();
  say(id, "got lock B");
  std::this_thread::sleep_for(std::chrono::milliseconds(10));

  r_lock.unlock();
  r_lock.unlock();
}

static void actionB(int id) {
  r_lock.lock();
  say(id, "got lock B");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  r_lock.lock();
  say(id, "got lock A");
  std::this_thread::sleep_for(std::chrono::milliseconds(10));

  r_lock.unlock();
  r_lock.unlock();
}

static void run(int id) {
  actionA(id);
  actionB(id);
}

int main() {
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; i++)
    threads.emplace_back(run, i + 1);
  for (auto &t : threads)
    t.join();
  std::printf("end\n");
  return 0;
}
// STATIC-RUN:
