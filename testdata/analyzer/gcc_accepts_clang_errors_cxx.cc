// C++ that GCC 12 builds with warnings only and Clang 19 rejects by default: `.template` before a
// member template called without a template argument list (ros_comm's message_filters:
// `drop_signal_.template addCallback(callback)`), a non-constant narrowed in braces, `register`
// in C++17. The analyzer must analyse such a file as the compiler that built it did, not refuse
// it ("it does not compile"), and still find the inversion in it.
// STATIC-RUN:
#include <mutex>
#include <thread>

std::mutex a_mu, b_mu;
int shared_count;

struct Signal {
  template <class C>
  int addCallback(C c) {
    return c();
  }
};

template <class S>
int connect(S &s) {
  return s.template addCallback([] { return 1; });
}

void ab(int n) {
  register int k = n;
  char c{k};
  std::lock_guard<std::mutex> a(a_mu);
  std::lock_guard<std::mutex> b(b_mu);  // EXPECT-STATIC: lock-order-inversion a_mu => b_mu => a_mu
  shared_count += c;
}

void ba() {
  Signal s;
  std::lock_guard<std::mutex> b(b_mu);
  std::lock_guard<std::mutex> a(a_mu);  // EXPECT-STATIC: lock-order-inversion a_mu => b_mu => a_mu
  shared_count += connect(s);
}

int main() {
  std::thread t1(ab, 3), t2(ba);
  t1.join();
  t2.join();
}
