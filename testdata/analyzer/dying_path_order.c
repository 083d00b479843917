// A worker that cannot allocate while it holds 'table_lock' reports the error and ends the
// process: die() takes 'log_lock' and calls exit(1). The only 'table_lock' => 'log_lock' order
// is on that way out, and the running program takes the two as 'log_lock' => 'table_lock'
// (log_table()). No lock order inversion: the thread that takes the other order is leaving
// the program, it does not wait for it to go on. (ImageMagick's ThrowFatalException() runs
// the whole library's teardown before _exit() with a subsystem's lock held.) Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[64];
static int logged;

static void die(const char *what) {
  pthread_mutex_lock(&log_lock);
  fprintf(stderr, "fatal: %s\n", what);
  logged++;
  pthread_mutex_unlock(&log_lock);
  exit(1);
}

static void log_table(void) {
  pthread_mutex_lock(&log_lock);
  pthread_mutex_lock(&table_lock);
  logged += table[0];
  pthread_mutex_unlock(&table_lock);
  pthread_mutex_unlock(&log_lock);
}

static void *worker(void *arg) {
  int id = *(int *)arg;
  pthread_mutex_lock(&table_lock);
  int *copy = malloc(sizeof table);
  if (!copy)
    die("out of memory");
  memcpy(copy, table, sizeof table);
  table[id]++;
  pthread_mutex_unlock(&table_lock);
  free(copy);
  log_table();
  return NULL;
}

int main(void) {
  pthread_t t[4];
  int ids[4];
  for (int i = 0; i < 4; i++) {
    ids[i] = i;
    pthread_create(&t[i], NULL, worker, &ids[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("%d\n", logged);
  return 0;
}
