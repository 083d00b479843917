// The counter race: two threads decrement a global without a lock (lost updates).
// STATIC-RUN:
// TSAN: racy
#include <pthread.h>
#include <stdio.h>

int counter = 100000;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 50000; i++)
    counter--;  // EXPECT-STATIC: unlocked-rmw counter
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  printf("counter = %d\n", counter);
  return 0;
}
