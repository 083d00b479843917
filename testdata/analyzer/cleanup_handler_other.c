// Cleanup handlers that do not unlock the lock taken before the push: freeing a buffer has no
// lock effect (the lock is still held after pthread_cleanup_pop(1), and taking it again is a
// self-deadlock), and a handler that takes a lock of its own orders it after the locks held
// where it runs (log_lock after 'state', against log_state()'s 'state' after log_lock).
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t state = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long items, lines, st;

static void free_cb(void *arg) { free(arg); }

static void log_cb(void *arg) {
  (void)arg;
  pthread_mutex_lock(&log_lock);  // EXPECT-STATIC: lock-order-inversion state => log_lock => state
  lines++;
  pthread_mutex_unlock(&log_lock);
}

static void fill(void) {
  char *buf = malloc(64);
  pthread_mutex_lock(&m);
  pthread_cleanup_push(free_cb, buf);
  items++;
  pthread_cleanup_pop(1);
  pthread_mutex_lock(&m);  // EXPECT-STATIC: self-deadlock m
  items++;
  pthread_mutex_unlock(&m);
}

static void update(void) {
  pthread_mutex_lock(&state);  // EXPECT-STATIC: lock-order-inversion state => log_lock => state
  pthread_cleanup_push(log_cb, 0);
  st++;
  pthread_cleanup_pop(1);  // EXPECT-STATIC: lock-order-inversion state => log_lock => state
  pthread_mutex_unlock(&state);
}

static void log_state(void) {
  pthread_mutex_lock(&log_lock);  // EXPECT-STATIC: lock-order-inversion state => log_lock => state
  pthread_mutex_lock(&state);  // EXPECT-STATIC: lock-order-inversion state => log_lock => state
  lines += st;
  pthread_mutex_unlock(&state);
  pthread_mutex_unlock(&log_lock);
}

static void *worker(void *arg) {
  fill();
  update();
  log_state();
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
