// std::scoped_lock(a, b) and std::scoped_lock(b, a) in two threads that run freely at the same
// time: std::lock blocks on one mutex holding nothing and try-locks the others, backing off when a
// try fails, so it never waits while holding. No edge, no finding, no deadlock.
// HOOK-RUN:
// TSAN: clean
#include <mutex>
#include <thread>

constexpr int kRounds = 2000;

std::mutex A, B;
long counter;  // under A and B

static void forward() {
  for (int i = 0; i < kRounds; i++) {
    std::scoped_lock both(A, B);
    counter++;
  }
}

static void backward() {
  for (int i = 0; i < kRounds; i++) {
    std::scoped_lock both(B, A);
    counter--;
  }
}

int main() {
  std::thread t1(forward), t2(backward);
  t1.join();
  t2.join();
  return counter == 0 ? 0 : 1;
}
