// STATIC-RUN:
#include "condvar.h"

Worker::Worker() : cv(0) {}

void Worker::post(int v) {
  cv.SetMode(1);
  cv.Lock();
  item = v;
  cv.Signal();  // EXPECT-STATIC: self-deadlock Worker::cv
  cv.UnLock();
}

static Worker w;

static void *run(void *) {
  w.post(1);
  return 0;
}

int main() {
  pthread_t a, b;
  pthread_create(&a, 0, run, 0);
  pthread_create(&b, 0, run, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
