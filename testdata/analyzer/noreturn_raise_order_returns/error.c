// The twin of noreturn_raise_order/: raise_error() logs under 'log_lock' and returns, so the
// worker that holds 'table_lock' goes on: 'table_lock' => 'log_lock' is an order of the running
// program, against dump_table()'s 'log_lock' => 'table_lock'. Reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
long logged;
int *table;
size_t table_size;

void raise_error(const char *what) {
  pthread_mutex_lock(&log_lock);  // EXPECT-STATIC: lock-order-inversion table_lock => log_lock => table_lock
  fprintf(stderr, "error: %s\n", what);
  logged++;
  pthread_mutex_unlock(&log_lock);
}

// in the TU that defines raise_error()
void *grow_worker(void *arg) {
  size_t n = (size_t)arg;
  pthread_mutex_lock(&table_lock);
  int *t = realloc(table, checked_mul(n, sizeof(int)));
  if (t) {
    table = t;
    table_size = n;
  }
  pthread_mutex_unlock(&table_lock);
  return 0;
}
