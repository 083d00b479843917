// The twin of condvar_mode_crosstu: the mode field has a setter, written in zsetter.cc, which
// worker.cc does not see. There `relMutex` looks fixed by the constructor (`cv(0)`), but
// zsetter.cc's facts say a method changes it (TUFacts::modeWritten), so no TU's constructor
// facts decide it: `SetMode(1)` then `Lock()` and `Signal()` is a real self-deadlock. (The setter's
// file sorts after worker.cc, so the analysis takes the inline Signal() as worker.cc saw it, with
// its condition on the field.)
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
  void SetMode(int relm);
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

private:
  CondVar cv;
  int item = 0;
};
