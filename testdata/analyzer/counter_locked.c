// The fix of counter_race.c: the decrement runs under a mutex. Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

int counter = 100000;
pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 50000; i++) {
    pthread_mutex_lock(&counter_lock);
    counter--;
    pthread_mutex_unlock(&counter_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  counter = 100000;  // before the threads start: not shared yet
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  counter += 1;  // after the last join: no other thread runs
  printf("counter = %d\n", counter);
  return 0;
}
