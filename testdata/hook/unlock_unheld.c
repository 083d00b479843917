// Unlocking a mutex that the thread does not hold: an error-checking mutex that was never locked
// (glibc returns EPERM and nothing else happens). unlock-unheld on the unlock.
// HOOK-RUN:
// TSAN: clean
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t E;

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&E, &attr);
  pthread_mutexattr_destroy(&attr);

  int rc = pthread_mutex_unlock(&E);  // EXPECT: unlock-unheld E
  if (rc != EPERM)
    fprintf(stderr, "unexpected: unlock returned %d\n", rc);

  pthread_mutex_lock(&E);  // the mutex still works
  pthread_mutex_unlock(&E);
  pthread_mutex_destroy(&E);
  return 0;
}
