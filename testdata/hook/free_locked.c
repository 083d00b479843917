// Freeing the memory of a mutex that a thread holds: destroy-locked on the free. The lock is gone
// with its memory, so the thread that returns afterwards holds nothing (no exit-holding).
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdlib.h>

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_t *m = malloc(sizeof *m);
  pthread_mutex_init(m, NULL);
  pthread_mutex_lock(m);
  free(m);  // EXPECT: destroy-locked
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
