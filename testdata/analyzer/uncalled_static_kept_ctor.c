// Functions of the file's own that nothing calls: dump_twice() is dead (no call, no address
// taken) and its double lock is no finding; reset_at_load() has no caller either, but the loader
// runs it before main (`__attribute__((constructor))`), and its double lock is a self-deadlock;
// on_exit_flush() is reached through atexit()'s argument (its address escapes), and so is kept.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t flush_lock = PTHREAD_MUTEX_INITIALIZER;
static int entries;

static void dump_twice(void) {
  pthread_mutex_lock(&table_lock);
  printf("%d\n", entries);
  pthread_mutex_lock(&table_lock);
}

__attribute__((constructor)) static void reset_at_load(void) {
  pthread_mutex_lock(&table_lock);
  entries = 0;
  pthread_mutex_lock(&table_lock);  // EXPECT: self-deadlock table_lock
}

static void on_exit_flush(void) {
  pthread_mutex_lock(&flush_lock);
  fflush(stdout);
  pthread_mutex_lock(&flush_lock);  // EXPECT: self-deadlock flush_lock
}

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&table_lock);
  entries++;
  pthread_mutex_unlock(&table_lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  atexit(on_exit_flush);
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
