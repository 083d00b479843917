// Twin of dying_path_order.c: check() reaches 'log_lock' two ways, through note() and, when the
// copy could not be made, through die() on the way out. The order 'table_lock' => 'log_lock' is
// then taken by a thread that goes on, against log_table()'s 'log_lock' => 'table_lock':
// reported, and shown by the way that goes on (note()), not by die().
// STATIC-RUN:
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

static void note(const char *what) {
  pthread_mutex_lock(&log_lock);  // EXPECT-STATIC: lock-order-inversion table_lock => log_lock => table_lock
  fprintf(stderr, "%s\n", what);
  logged++;
  pthread_mutex_unlock(&log_lock);
}

static int failed;

static void check(void) {
  note("checked");
  if (failed)
    die("out of memory");
}

static void log_table(void) {
  pthread_mutex_lock(&log_lock);
  pthread_mutex_lock(&table_lock);  // EXPECT-STATIC: lock-order-inversion table_lock => log_lock => table_lock
  logged += table[0];
  pthread_mutex_unlock(&table_lock);
  pthread_mutex_unlock(&log_lock);
}

static void *worker(void *arg) {
  int id = *(int *)arg;
  pthread_mutex_lock(&table_lock);
  int *copy = malloc(sizeof table);
  failed = copy == NULL;
  check();
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
