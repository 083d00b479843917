// A recursive mutex may be re-taken by its holder, directly or through a call. Clean.
// STATIC-RUN:
// TSAN: clean
#include <mutex>
#include <thread>

std::recursive_mutex rm;
int depth_total = 0;

static void inner() {
  std::lock_guard<std::recursive_mutex> g(rm);
  depth_total++;
}

static void outer() {
  std::lock_guard<std::recursive_mutex> g(rm);
  inner();
  rm.lock();
  depth_total++;
  rm.unlock();
}

int main() {
  std::thread a(outer), b(outer);
  a.join();
  b.join();
  return depth_total == 4 ? 0 : 1;
}
