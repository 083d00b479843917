// kmc's stage 2: a member function of a class template starts one thread on a lambda that
// updates the frame's locals by reference, and joins it. Each instantiation (`Counter<1>`,
// `Counter<8>`) runs its own lambda on its own frame: one writer per frame, nothing shared
// (before, both instantiations' lambdas were one thread entry started twice, and the locals
// were reported as unlocked read-modify-writes). `Pool<N>::stage2()` starts the lambda twice
// on one frame: its two threads update `total` at once - reported.
// STATIC-RUN:
#include <cstdint>
#include <thread>
#include <vector>

template <unsigned N> struct Counter {
  std::vector<int> items;
  void stage2() {
    uint64_t n_recs = 0, n_plus = 0;
    std::thread t([&] {
      for (int x : items) {
        n_plus += x > 0;
        n_recs += N;
      }
    });
    t.join();
  }
};

template <unsigned N> struct Pool {
  std::vector<int> items;
  void stage2() {
    uint64_t total = 0;
    auto work = [&] {
      for (int x : items)
        total += x * N;  // EXPECT: unlocked-rmw total
    };
    std::thread a(work), b(work);
    a.join();
    b.join();
  }
};

int main() {
  Counter<1> a;
  Counter<8> b;
  a.stage2();
  b.stage2();
  Pool<2> p;
  p.stage2();
}
