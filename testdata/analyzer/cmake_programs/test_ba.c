// One test program (see CMakeLists.txt): two threads take lock_b, then lock_a.
#include "registry.h"

static void *worker(void *p) {
  (void)p;
  pthread_mutex_lock(&lock_b);
  pthread_mutex_lock(&lock_a);
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return 0;
}

static void run(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}

__attribute__((constructor)) static void enroll(void) { register_test(run); }
