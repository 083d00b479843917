// A default mutex (a static initializer: the hook never saw it before) unlocked although nobody
// ever locked it: undefined behaviour, reported as unlock-unheld at the call, before the C library
// acts on it. (glibc lets it pass for a default mutex, so this run goes on and ends.)
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_unlock(&M);  // EXPECT: unlock-unheld M
  pthread_mutex_lock(&M);
  pthread_mutex_unlock(&M);
  return 0;
}
