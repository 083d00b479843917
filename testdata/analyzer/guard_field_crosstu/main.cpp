// STATIC-RUN:
// Two guards of clucene's mutexGuard (defined in threads.cpp) take two different mutexes in
// opposite orders in two threads: each guard takes the mutex it is given, not one lock named
// by the guard's field (`mutexGuard::mrMutex._internal`). The same with a guard whose
// constructor assigns its field in its body (C => D => C). The twin, where both functions
// take them in the same order, is guard_field_crosstu_same/.
#include <thread>

#include "threads.h"

lucene::util::mutex_thread A, B, C, D;

void f1() {
  SCOPED_LOCK_MUTEX(A)
  lucene::util::mutexGuard h(B);  // EXPECT-STATIC: lock-order-inversion A._internal => B._internal => A._internal
}

void f2() {
  SCOPED_LOCK_MUTEX(B)
  lucene::util::mutexGuard h(A);  // EXPECT-STATIC: lock-order-inversion A._internal => B._internal => A._internal
}

void g1() {
  lucene::util::bodyGuard g(C);
  lucene::util::bodyGuard h(D);  // EXPECT-STATIC: lock-order-inversion C._internal => D._internal => C._internal
}

void g2() {
  lucene::util::bodyGuard g(D);
  lucene::util::bodyGuard h(C);  // EXPECT-STATIC: lock-order-inversion C._internal => D._internal => C._internal
}

int main() {
  std::thread t1(f1), t2(f2), t3(g1), t4(g2);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
}
