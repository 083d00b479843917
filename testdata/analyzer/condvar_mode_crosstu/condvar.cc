// XrdSysPthread.cc: the wait re-takes the mutex only when the object handles it itself.
#include "condvar.h"

int CondVar::Wait() {
  if (relMutex)
    Lock();
  int r = pthread_cond_wait(&cvar, &cmut);
  if (relMutex)
    UnLock();
  return r;
}
