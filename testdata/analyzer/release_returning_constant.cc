// A release whose function returns one constant on every exit is a release, not one that
// depends on its result: xrootd's `char XrdSysLogger::traceEnd() {Logger_Mutex.UnLock(); return
// '\n';}` (called as `Logger->traceEnd()` by XrdSysError::TEnd(), itself called by the
// XrdOucTrace::End() of every `{Trace.Beg(..); cerr << x; Trace.End();}`). Read as "released
// only where it returns nonzero", the untested call kept the log mutex held: a self-deadlock at
// the next trace in the loop and an inversion with the handle's lock. The twin begins a trace
// twice before ending it.
// STATIC-RUN:
#include <pthread.h>
#include <iostream>
#include <thread>

class Mutex {
public:
  void Lock() { pthread_mutex_lock(&cs); }
  void UnLock() { pthread_mutex_unlock(&cs); }

private:
  pthread_mutex_t cs = PTHREAD_MUTEX_INITIALIZER;
};

class Logger {
public:
  char *traceBeg() {
    Logger_Mutex.Lock();
    return buf;
  }
  char traceEnd() {
    Logger_Mutex.UnLock();
    return '\n';
  }

private:
  Mutex Logger_Mutex;
  char buf[16] = "trace: ";
};

class SysError {
public:
  void TBeg() { std::cerr << Logger_->traceBeg(); }
  void TEnd() {
    std::cerr << std::endl;
    Logger_->traceEnd();
  }
  Logger *Logger_;
};

class Trace {
public:
  void Beg() { eDest->TBeg(); }
  void End() { eDest->TEnd(); }
  SysError *eDest;
};

static Logger theLogger;
static SysError theError{&theLogger};
static Trace BwmTrace{&theError};
static Mutex hMutex;
static int handles;

static void dispatch() {
  for (int i = 0; i < 3; i++) {
    hMutex.Lock();
    handles++;
    { BwmTrace.Beg(); std::cerr << "run " << i; BwmTrace.End(); }
    hMutex.UnLock();
  }
}

static void activate() {
  { BwmTrace.Beg(); std::cerr << "activate"; BwmTrace.End(); }
  hMutex.Lock();
  handles--;
  hMutex.UnLock();
}

static void bad_trace() {
  BwmTrace.Beg();
  BwmTrace.Beg();  // EXPECT-STATIC: self-deadlock BwmTrace.eDest.Logger_->Logger_Mutex
  BwmTrace.End();
}

int main() {
  std::thread a(dispatch), b(activate), c(bad_trace);
  a.join();
  b.join();
  c.join();
  return 0;
}
