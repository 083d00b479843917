// A default (non-recursive) mutex re-taken by the thread that holds it. The hook reports
// self-deadlock before the call blocks; the thread then hangs forever, which the actual-deadlock
// watchdog detects: the process ends with status 67.
// (One EXPECT per line: actual-deadlock is expected on the call of relock() in main, a frame of
// the blocked thread's stack.)
// HOOK-RUN: exit=67 timeout=30
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

static void relock(void) {
  pthread_mutex_lock(&M);
  pthread_mutex_lock(&M);  // EXPECT: self-deadlock M
  puts("unreachable");
}

int main(void) {
  relock();  // EXPECT: actual-deadlock
  return 0;
}
