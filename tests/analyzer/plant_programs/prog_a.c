// A program of its own (tests/analyzer/plant_programs.py): a worker thread and main take
// a_first and a_second, each alone, in two functions; the worker also calls lib_a.c's
// lib_note(), which takes lib_mu.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a_first = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a_second = PTHREAD_MUTEX_INITIALIZER;
static long a_count, a_total;

void lib_note(long n);

static void a_bump(void) {
  pthread_mutex_lock(&a_first);
  a_count++;
  pthread_mutex_unlock(&a_first);
}

static void a_add(long n) {
  pthread_mutex_lock(&a_second);
  a_total += n;
  pthread_mutex_unlock(&a_second);
}

static void *a_worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    a_bump();
    a_add(i);
    lib_note(i);
  }
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, a_worker, NULL);
  a_bump();
  a_add(1);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("%ld %ld\n", a_count, a_total);
  return 0;
}
