// Seed (threading-notes.md, 同步锁), without the lock: 100 threads each decrement `num` as
// temp = num; sleep; num = temp - 1. The sleep between the read and the write lets the threads
// overwrite each other's updates: the final value is not 0. A data race, and no lock is used, so
// the runtime hook has nothing to report.
// HOOK-RUN:
// TSAN: racy
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { kThreads = 100 };

int num = kThreads;

static void *sub(void *arg) {
  (void)arg;
  int temp = num;
  usleep(100);
  num = temp - 1;  // EXPECT-STATIC: unlocked-rmw num
  return NULL;
}

int main(void) {
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; i++)
    pthread_create(&threads[i], NULL, sub, NULL);
  for (int i = 0; i < kThreads; i++)
    pthread_join(threads[i], NULL);
  printf("final num: %d (0 only by luck)\n", num);
  return 0;
}
// STATIC-RUN:
