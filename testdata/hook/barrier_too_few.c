// A barrier for three threads that only two ever reach (main and one worker): both wait for a
// third that does not exist. actual-deadlock naming the barrier, status 67.
// HOOK-RUN: exit=67 timeout=30
#include <pthread.h>

pthread_barrier_t B;

static void *worker(void *arg) {
  (void)arg;
  pthread_barrier_wait(&B);  // EXPECT: actual-deadlock
  return NULL;
}

int main(void) {
  pthread_barrier_init(&B, NULL, 3);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_barrier_wait(&B);  // EXPECT: actual-deadlock
  pthread_join(t, NULL);
  return 0;
}
