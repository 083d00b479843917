// Twin of dying_path_order.c: the error is reported and the worker goes on (report() logs and
// returns, the worker gives up its update and returns). The 'table_lock' => 'log_lock' order is
// taken by a thread that keeps running, against log_table()'s 'log_lock' => 'table_lock':
// reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[64];
static int logged;

static void report(const char *what) {
  pthread_mutex_lock(&log_lock);  // EXPECT-STATIC: lock-order-inversion table_lock => log_lock => table_lock
  fprintf(stderr, "error: %s\n", what);
  logged++;
  pthread_mutex_unlock(&log_lock);
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
  if (!copy) {
    report("out of memory");  // EXPECT-STATIC: lock-order-inversion table_lock => log_lock => table_lock
    pthread_mutex_unlock(&table_lock);
    return NULL;
  }
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
