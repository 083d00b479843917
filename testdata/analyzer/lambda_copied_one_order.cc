// Twin of lambda_copied.cc: both threads take A then B (the copied lambda and the other one):
// one order, nothing to report.
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
    std::lock_guard<std::mutex> b(B);
    shared_total += static_cast<long>(tag.size());
  };
  auto copy = forward;
  std::thread t1(copy);
  std::thread t2([] {
    std::lock_guard<std::mutex> a(A);
    std::lock_guard<std::mutex> b(B);
    shared_total++;
  });
  t1.join();
  t2.join();
  std::printf("%ld\n", shared_total);
  return 0;
}
