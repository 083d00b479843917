// The fix of lambda_capture.cc (a local mutex captured too), and a by-value capture. Clean.
// STATIC-RUN:
// TSAN: clean
#include <cstdio>
#include <mutex>
#include <thread>

int main() {
  long counter = 0;
  std::mutex m;
  auto bump = [&] {
    for (int i = 0; i < 100000; i++) {
      std::lock_guard<std::mutex> g(m);
      counter++;
    }
  };
  int copies = 0;
  auto own = [copies]() mutable { for (int i = 0; i < 10; i++) copies++; return copies; };
  std::thread t1(bump), t2(bump), t3(own), t4(own);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  std::printf("%ld\n", counter);
  return 0;
}
