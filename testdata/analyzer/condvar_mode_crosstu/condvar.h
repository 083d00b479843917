// xrootd's XrdSysCondVar as XrdSysPthread.hh declares it: Signal() inline, Wait() written in
// another TU (condvar.cc); both take the mutex themselves only `if (relMutex)`.
#pragma once
#include <pthread.h>

class CondVar {
public:
  void Lock() { pthread_mutex_lock(&cmut); }
  void UnLock() { pthread_mutex_unlock(&cmut); }
  void Signal() {
    if (relMutex)
      pthread_mutex_lock(&cmut);
    pthread_cond_signal(&cvar);
    if (relMutex)
      pthread_mutex_unlock(&cmut);
  }
  int Wait();
  explicit CondVar(int relm = 1) : relMutex(relm) {
    pthread_cond_init(&cvar, 0);
    pthread_mutex_init(&cmut, 0);
  }

private:
  pthread_cond_t cvar;
  pthread_mutex_t cmut;
  int relMutex;
};

class Worker {
public:
  Worker();
  void post(int v);
  int take();
  int take_twin();
  // Written here and compiled by reader.cc, which does not see Worker's constructor: what
  // worker.cc's facts say it gives `cv` (TUFacts::memberModes) decides the calls.
  int peek() {
    cv.Lock();
    while (!item)
      cv.Wait();
    int v = item;
    cv.UnLock();
    return v;
  }
  int peek_twin() {
    twin.Lock();
    int r = twin.Wait();  // EXPECT-STATIC: self-deadlock Worker::twin
    twin.UnLock();
    return r;
  }

private:
  CondVar cv;
  CondVar twin;
  int item = 0;
};
