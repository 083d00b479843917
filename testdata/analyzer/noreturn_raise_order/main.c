// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

extern pthread_mutex_t log_lock, table_lock;
extern int *table;
extern size_t table_size;
extern long logged;

// in another TU than raise_error(): only its declaration is seen
static void *copy_worker(void *arg) {
  size_t n = (size_t)arg;
  pthread_mutex_lock(&table_lock);
  int *copy = malloc(checked_mul(n < table_size ? n : table_size, sizeof(int)));
  free(copy);
  pthread_mutex_unlock(&table_lock);
  return 0;
}

static void *dump_table(void *arg) {
  (void)arg;
  pthread_mutex_lock(&log_lock);
  pthread_mutex_lock(&table_lock);
  logged += (long)table_size;
  pthread_mutex_unlock(&table_lock);
  pthread_mutex_unlock(&log_lock);
  return 0;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, grow_worker, (void *)16);
  pthread_create(&b, 0, copy_worker, (void *)8);
  pthread_create(&c, 0, dump_table, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  printf("%ld\n", logged);
  return 0;
}
