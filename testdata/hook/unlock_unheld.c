// Unlocking a normal mutex that the thread does not hold: glibc returns 0 and corrupts the
// mutex's user count (undefined behaviour). unlock-unheld on the unlock. (An error-checking
// mutex refuses with EPERM instead, and the program is told: not reported, see
// unlock_errorcheck_eperm.c.)
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>

pthread_mutex_t N;

int main(void) {
  pthread_mutex_init(&N, NULL);  // the hook knows the mutex from here
  pthread_mutex_lock(&N);
  pthread_mutex_unlock(&N);
  pthread_mutex_unlock(&N);  // EXPECT: unlock-unheld N
  return 0;
}
