// std::scoped_lock and std::lock take several mutexes deadlock-free in any order:
// no edge between them. Clean.
// STATIC-RUN:
// TSAN: clean
#include <mutex>
#include <thread>

std::mutex a, b;
long x, y;

static void one() {
  for (int i = 0; i < 1000; i++) {
    std::scoped_lock g(a, b);
    x++;
    y++;
  }
}

static void two() {
  for (int i = 0; i < 1000; i++) {
    std::scoped_lock g(b, a);
    x--;
    y--;
  }
}

static void three() {
  for (int i = 0; i < 1000; i++) {
    std::lock(b, a);
    std::lock_guard<std::mutex> ga(a, std::adopt_lock);
    std::lock_guard<std::mutex> gb(b, std::adopt_lock);
    x++;
  }
}

static void four() {
  for (int i = 0; i < 1000; i++) {
    std::unique_lock<std::mutex> la(a, std::defer_lock);
    std::unique_lock<std::mutex> lb(b, std::defer_lock);
    std::lock(la, lb);
    y++;
  }
}

int main() {
  std::thread t1(one), t2(two), t3(three), t4(four);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  return 0;
}
