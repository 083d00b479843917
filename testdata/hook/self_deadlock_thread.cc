// A std::mutex re-locked by its owner in a worker thread (through a nested std::lock_guard) while
// main waits in join(): self-deadlock reported before blocking, then the actual-deadlock watchdog
// ends the process with status 67.
// HOOK-RUN: exit=67 timeout=30
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex M;

static void helper() {
  std::lock_guard<std::mutex> again(M);  // EXPECT: self-deadlock M
  std::puts("unreachable");
}

static void work() {
  std::lock_guard<std::mutex> outer(M);
  helper();  // EXPECT: actual-deadlock
}

int main() {
  std::thread t(work);
  t.join();
  return 0;
}
