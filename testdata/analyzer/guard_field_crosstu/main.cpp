// STATIC-RUN:
// Two guards of clucene's mutexGuard (defined in threads.cpp) take two different mutexes in
// opposite orders in two threads: each guard takes the mutex it is given, not one lock named
// by the guard's field (`mutexGuard::mrMutex._internal`). The same with a guard whose
// constructor assigns its field in its body (C => D => C). The twin, where both functions
// take them in the same order, is guard_field_crosstu_same/. Below: a guard in a callee is
// released when the callee returns (Writer), and its twin (LogWriter/LogFile). The locks are
// named as the source names them, `A`, not `A._internal` (mutex_thread's one member `_internal`
// points to the struct whose one lock is `mtx`: wrapper_pimpl_names.c).
#include <thread>

#include "threads.h"

lucene::util::mutex_thread A, B, C, D;

void f1() {
  SCOPED_LOCK_MUTEX(A)
  lucene::util::mutexGuard h(B);  // EXPECT-STATIC: lock-order-inversion A => B => A
}

void f2() {
  SCOPED_LOCK_MUTEX(B)
  lucene::util::mutexGuard h(A);  // EXPECT-STATIC: lock-order-inversion A => B => A
}

void g1() {
  lucene::util::bodyGuard g(C);
  lucene::util::bodyGuard h(D);  // EXPECT-STATIC: lock-order-inversion C => D => C
}

void g2() {
  lucene::util::bodyGuard g(D);
  lucene::util::bodyGuard h(C);  // EXPECT-STATIC: lock-order-inversion C => D => C
}

// A guard in a callee (clucene's RAMFile::setLength(), called from DocumentsWriter under its own
// THIS_LOCK) releases its mutex when the callee returns, though the guard's destructor is
// defined in threads.cpp: Writer::other() takes the writer's lock after the file's, not under it.
class RAMFile {
  lucene::util::mutex_thread THIS_LOCK;
  long length;

 public:
  void setLength(long l) {
    SCOPED_LOCK_MUTEX(THIS_LOCK)
    length = l;
  }
};

class Writer {
  lucene::util::mutex_thread THIS_LOCK;
  RAMFile *file;

 public:
  void recycle() { SCOPED_LOCK_MUTEX(THIS_LOCK) }
  void abort() {
    SCOPED_LOCK_MUTEX(THIS_LOCK)
    file->setLength(0);
  }
  void other() {
    file->setLength(0);
    recycle();
  }
};

// The broken twin: the file's guard is held around a call that takes the writer's lock.
class LogWriter;
class LogFile {
  lucene::util::mutex_thread THIS_LOCK;
  long length;

 public:
  void setLength(long l) {
    SCOPED_LOCK_MUTEX(THIS_LOCK)
    length = l;
  }
  void flushTo(LogWriter *w);
};

class LogWriter {
  lucene::util::mutex_thread THIS_LOCK;
  LogFile *file;

 public:
  void recycle() { SCOPED_LOCK_MUTEX(THIS_LOCK) }
  void abort() {
    SCOPED_LOCK_MUTEX(THIS_LOCK)
    file->setLength(0);  // EXPECT-STATIC: lock-order-inversion LogWriter::THIS_LOCK => LogFile::THIS_LOCK => LogWriter::THIS_LOCK
  }
};

void LogFile::flushTo(LogWriter *w) {
  SCOPED_LOCK_MUTEX(THIS_LOCK)
  w->recycle();
}

Writer *writer;
LogWriter *logWriter;
LogFile *logFile;
void h1() { writer->abort(); }
void h2() { writer->other(); }
void h3() { logWriter->abort(); }
void h4() { logFile->flushTo(logWriter); }

int main() {
  std::thread t1(f1), t2(f2), t3(g1), t4(g2), t5(h1), t6(h2), t7(h3), t8(h4);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  t5.join();
  t6.join();
  t7.join();
  t8.join();
}
