// destroy-locked on a mutex the thread took with nothing else held (recorded by address only)
// and that was never passed to init (so the hook had no node for it): the destroy still finds
// the holder. glibc refuses (EBUSY); the unlock afterwards is the owner's and is not reported.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t S = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&S);
  int rc = pthread_mutex_destroy(&S);  // EXPECT: destroy-locked S
  printf("destroy of the locked mutex returned %d\n", rc);
  pthread_mutex_unlock(&S);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
