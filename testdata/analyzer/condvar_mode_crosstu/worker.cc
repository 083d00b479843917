// STATIC-RUN:
// The cross-TU layout of condvar_mode_field.cc: Wait() is summarised in condvar.cc's facts with
// its acquisition under `this->relMutex != 0` (a condition on the object, ParamCond::ThisObject),
// and the calls here carry what the owner's constructor fixed (`cv(0)`): no self-deadlock on
// `cv`. The twin is made with the default (1) and waited on with its mutex held.
#include "condvar.h"

Worker::Worker() : cv(0), twin() {}

void Worker::post(int v) {
  cv.Lock();
  item = v;
  cv.Signal();
  cv.UnLock();
}

int Worker::take() {
  cv.Lock();
  while (!item)
    cv.Wait();
  int v = item;
  item = 0;
  cv.UnLock();
  return v;
}

int Worker::take_twin() {
  twin.Lock();
  int r = twin.Wait();  // EXPECT-STATIC: self-deadlock Worker::twin
  twin.UnLock();
  return r;
}

static Worker w;
int read_twice(Worker &w);

static void *run(void *) {
  w.post(1);
  return (void *)(long)(w.take() + w.take_twin() + read_twice(w));
}

int main() {
  pthread_t a, b;
  pthread_create(&a, 0, run, 0);
  pthread_create(&b, 0, run, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
