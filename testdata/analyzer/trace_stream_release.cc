// A trace lock released by a stream operator of the same statement: xrootd's SYSTRACE is
// `obj->Beg(...) << x << obj->End();`, where Beg() takes the tracer's mutex and returns the
// tracer, End() returns a pointer to it, and `operator<<(XrdSysTrace *)` writes the line and
// unlocks. The unlock's object is the result of a chain of calls (`Beg() << x`, a reference
// the analyzer cannot name), so it is some instance of `Trace::m`: the held one. No lock is
// taken inside such a statement in t1(), so the trace lock is a leaf; the twin does take one
// inside the statement (`<< count()` takes A) while t2() traces under A: a real inversion.
// STATIC-RUN:
#include <cstdio>
#include <mutex>
#include <thread>

struct Trace {
  std::mutex m;
  Trace &Beg(const char *who) {
    m.lock();
    std::fputs(who, stderr);
    return *this;
  }
  Trace *End() { return this; }
  Trace &operator<<(const char *s) {
    std::fputs(s, stderr);
    return *this;
  }
  Trace &operator<<(int v) {
    std::fprintf(stderr, "%d", v);
    return *this;
  }
  Trace &operator<<(Trace *) {
    std::fputs("\n", stderr);
    m.unlock();
    return *this;
  }
};

static Trace gT;
static std::mutex A, B;
static int n;
#define TRACE(x) gT.Beg("t: ") << x << gT.End()

static int count() {
  std::lock_guard<std::mutex> g(B);  // EXPECT-STATIC: lock-order-inversion gT => B => gT
  return n;
}

static void t1() {
  TRACE("start");
  std::lock_guard<std::mutex> g(A);
  n++;
}

static void t2() {
  std::lock_guard<std::mutex> g(A);
  TRACE("under A");
  n++;
}

static void t3() {
  TRACE("count " << count());
}

static void t4() {
  std::lock_guard<std::mutex> g(B);
  TRACE("under B");
}

int main() {
  std::thread a(t1), b(t2), c(t3), d(t4);
  a.join();
  b.join();
  c.join();
  d.join();
  return 0;
}
