// A local captured by reference into the callables of two threads, incremented unlocked.
// STATIC-RUN:
// TSAN: racy
#include <cstdio>
#include <thread>

int main() {
  long counter = 0;
  auto bump = [&counter] {
    for (int i = 0; i < 100000; i++)
      counter++;  // EXPECT-STATIC: unlocked-rmw counter
  };
  std::thread t1(bump);
  std::thread t2(bump);
  t1.join();
  t2.join();
  std::printf("%ld\n", counter);
  return 0;
}
