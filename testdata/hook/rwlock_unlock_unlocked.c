// A reader-writer lock unlocked while nobody holds it: glibc's count of readers goes wrong and the
// next write lock waits for ever, although nobody holds the lock. The misuse is reported at the
// call (unlock-unheld), and the hang that follows ends with actual-deadlock: the only thread waits
// for a lock that no thread can release. Status 67.
// HOOK-RUN: exit=67 timeout=30
#include <pthread.h>

pthread_rwlock_t R = PTHREAD_RWLOCK_INITIALIZER;

int main(void) {
  pthread_rwlock_unlock(&R);  // EXPECT: unlock-unheld R
  pthread_rwlock_wrlock(&R);  // EXPECT: actual-deadlock
  pthread_rwlock_unlock(&R);
  return 0;
}
