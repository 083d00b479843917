// STATIC-RUN:
// The twin of guard_field_crosstu/: clucene's guards take the two mutexes in the same order in
// both functions (A then B, C then D): no inversion, and two guards of different mutexes are
// not one lock taken twice. pickGuard's constructor may lock another mutex than the one it is
// given (`mp = &m; if (single) mp = &Big;`): the mutex it takes is not its argument, and its
// opposite orders (p1, p2) are no inversion of E and F.
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

namespace lucene {
namespace util {
mutex_thread Big;
int single;
}  // namespace util
}  // namespace lucene
lucene::util::mutex_thread E, F;

void p1() {
  lucene::util::pickGuard g(E);
  lucene::util::pickGuard h(F);
}

void p2() {
  lucene::util::pickGuard g(F);
  lucene::util::pickGuard h(E);
}

int main() {
  std::thread t5(p1), t6(p2);
  t5.join();
  t6.join();
  std::thread t1(f1), t2(f2), t3(g1), t4(g2);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
}
