// A raise that logs under 'log_lock' and jumps back to the thread's handler. Workers call
// checked_mul() while they hold 'table_lock', so the only 'table_lock' => 'log_lock' order is on
// the way through raise_error(), a function the program declares noreturn: an error way out,
// like a fatal error's (its body here ends in longjmp(), seen as a raise too). The running
// program takes 'log_lock' => 'table_lock' (dump_table() in main.c). No lock order inversion.
// ruby 3.1's mjit_mark() holds 'mjit_engine_mutex' around ALLOCA_N()'s overflow check, whose
// rb_raise() reaches the VM lock through an exception's message. Clean.
// STATIC-RUN:
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
_Thread_local jmp_buf *error_handler;
long logged;
int *table;
size_t table_size;

void raise_error(const char *what) {
  pthread_mutex_lock(&log_lock);
  fprintf(stderr, "error: %s\n", what);
  logged++;
  pthread_mutex_unlock(&log_lock);
  if (!error_handler)
    abort();
  longjmp(*error_handler, 1);
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
