// A call of a pure virtual method runs one of its overrides: its lock effect is what every
// override in the program does (omniORB's omniObjRef::_invoke() locks internalLock and calls
// `_identity()->dispatch(call_desc)`; each identity's dispatch() gives the lock back, the remote
// one through a holder object whose constructor unlocks it). invoke() then narrow() is no
// self-deadlock. Before, the call had no effect and internal_lock stayed held past invoke().
// Twin: Sink::flush(), one of whose overrides keeps log_lock: log_line() then log_count() is a
// real self-deadlock.
// STATIC-RUN:
#include <thread>

#include "identity.h"

pthread_mutex_t internal_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
int narrowed, logged;

void invoke(int key) {
  CallDesc d{key};
  pthread_mutex_lock(&internal_lock);
  identity_of(key)->dispatch(d);
}

void narrow() {
  pthread_mutex_lock(&internal_lock);
  narrowed++;
  pthread_mutex_unlock(&internal_lock);
}

void log_line(int key) {
  pthread_mutex_lock(&log_lock);
  sink_of(key)->flush(80);
}

void log_count() {
  pthread_mutex_lock(&log_lock);  // EXPECT-STATIC: self-deadlock log_lock
  logged++;
  pthread_mutex_unlock(&log_lock);
}

void worker(int key) {
  invoke(key);
  narrow();
  log_line(key);
  log_count();
}

int main() {
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
}
