// pthread_mutex_destroy on a mutex that is held: destroy-locked on the destroy. glibc refuses
// (EBUSY), so the mutex lives on: the owner's unlock afterwards is correct and not reported,
// and the second destroy, of the unlocked mutex, is fine.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t M;

int main(void) {
  pthread_mutex_init(&M, NULL);
  pthread_mutex_lock(&M);
  int rc = pthread_mutex_destroy(&M);  // EXPECT: destroy-locked M
  printf("destroy of the locked mutex returned %d\n", rc);
  pthread_mutex_unlock(&M);
  pthread_mutex_destroy(&M);
  return 0;
}
