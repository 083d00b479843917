// A thread that holds a rwlock for reading and asks for it for writing waits for itself forever
// (glibc does not detect it, unlike a second wrlock, which fails with EDEADLK). self-deadlock
// before it blocks, then the watchdog's actual-deadlock ends the process with status 67.
// (One EXPECT per line: actual-deadlock is expected on the call of upgrade() in main.)
// HOOK-RUN: exit=67 timeout=30
#include <pthread.h>
#include <stdio.h>

pthread_rwlock_t RW = PTHREAD_RWLOCK_INITIALIZER;

static void upgrade(void) {
  pthread_rwlock_rdlock(&RW);
  pthread_rwlock_wrlock(&RW);  // EXPECT: self-deadlock RW
  puts("unreachable");
}

int main(void) {
  upgrade();  // EXPECT: actual-deadlock
  return 0;
}
