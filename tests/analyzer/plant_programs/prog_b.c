// A program of its own (tests/analyzer/plant_programs.py): a worker thread and main take
// b_first and b_second, each alone, in two functions.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t b_first = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b_second = PTHREAD_MUTEX_INITIALIZER;
static long b_count, b_total;

static void b_bump(void) {
  pthread_mutex_lock(&b_first);
  b_count++;
  pthread_mutex_unlock(&b_first);
}

static void b_add(long n) {
  pthread_mutex_lock(&b_second);
  b_total += n;
  pthread_mutex_unlock(&b_second);
}

static void *b_worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    b_bump();
    b_add(i);
  }
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, b_worker, NULL);
  b_bump();
  b_add(1);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("%ld %ld\n", b_count, b_total);
  return 0;
}
