// A lambda that takes A then B, copied before it is given to a thread: its capture (a
// std::string) makes the closure's copy constructor a function of its own, which took the
// call operator's place in the facts and the thread's A => B with it. The other thread takes B
// then A.
// STATIC-RUN:
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

std::mutex A, B;
long shared_total;

int main() {
  std::string tag = "worker";
  auto forward = [tag] {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);  // EXPECT-STATIC: lock-order-inversion A => B => A
    shared_total += static_cast<long>(tag.size());
  };
  auto copy = forward;
  std::thread t1(copy);
  std::thread t2([] {
    std::lock_guard<std::mutex> b(B);
    std::lock_guard<std::mutex> a(A);
    shared_total++;
  });
  t1.join();
  t2.join();
  std::printf("%ld\n", shared_total);
  return 0;
}
