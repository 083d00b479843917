// STATIC-RUN:
// The twin of guard_field_crosstu/: clucene's guards take the two mutexes in the same order in
// both functions (A then B, C then D): no inversion, and two guards of different mutexes are
// not one lock taken twice.
#include <thread>

#include "threads.h"

lucene::util::mutex_thread A, B, C, D;

void f1() {
  SCOPED_LOCK_MUTEX(A)
  lucene::util::mutexGuard h(B);
}

void f2() {
  SCOPED_LOCK_MUTEX(A)
  lucene::util::mutexGuard h(B);
}

void g1() {
  lucene::util::bodyGuard g(C);
  lucene::util::bodyGuard h(D);
}

void g2() {
  lucene::util::bodyGuard g(C);
  lucene::util::bodyGuard h(D);
}

int main() {
  std::thread t1(f1), t2(f2), t3(g1), t4(g2);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
}
