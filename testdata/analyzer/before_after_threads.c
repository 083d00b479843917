// Shared data touched only before the first thread starts and after the last join
// needs no lock. Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

long total;
long config_value;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void setup(void) { config_value += 42; }

static void *work(void *p) {
  (void)p;
  pthread_mutex_lock(&m);
  total += config_value;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  total = 0;
  setup();
  total++;
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, work, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  total *= 2;
  total++;
  printf("%ld\n", total);
  return 0;
}
