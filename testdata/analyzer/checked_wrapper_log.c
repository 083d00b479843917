// STATIC-RUN:
// Lock wrappers as gpsd writes them (gpsd/ppsthread.c thread_lock()): the lock call's result is
// checked and a failure is only logged; the wrapper returns nothing, so its callers go on as if
// they held the lock. Each wrapper is an acquire of its lock: the two threads take ppslast_mutex
// and report_mutex in opposite orders. The twin below (try_report_lock()) logs a trylock's
// failure: that is no acquire, and its caller's order makes no edge.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t ppslast_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t report_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
static long fixes, reports, stats;

static void thread_lock(void) {
  int err = pthread_mutex_lock(&ppslast_mutex);
  if (0 != err)
    fprintf(stderr, "PPS: pthread_mutex_lock() : %d\n", err);
}

static void thread_unlock(void) {
  int err = pthread_mutex_unlock(&ppslast_mutex);
  if (0 != err)
    fprintf(stderr, "PPS: pthread_mutex_unlock() : %d\n", err);
}

static void report_lock(void) {
  if (pthread_mutex_lock(&report_mutex) != 0)
    perror("report_lock");
}

static void report_unlock(void) {
  if (pthread_mutex_unlock(&report_mutex) != 0)
    perror("report_unlock");
}

static void try_stats_lock(void) {  // the twin: a failed trylock is an outcome, not an error
  if (pthread_mutex_trylock(&stats_mutex) != 0)
    perror("stats busy");
}

static void *pps_thread(void *arg) {
  (void)arg;
  thread_lock();
  fixes++;
  report_lock();  // EXPECT-STATIC: lock-order-inversion ppslast_mutex => report_mutex => ppslast_mutex
  reports++;
  report_unlock();
  thread_unlock();
  return NULL;
}

static void *reporter(void *arg) {
  (void)arg;
  report_lock();
  reports++;
  thread_lock();  // EXPECT-STATIC: lock-order-inversion ppslast_mutex => report_mutex => ppslast_mutex
  fixes++;
  thread_unlock();
  try_stats_lock();
  report_unlock();
  return NULL;
}

static void *statistician(void *arg) {
  (void)arg;
  pthread_mutex_lock(&stats_mutex);
  stats++;
  report_lock();
  reports++;
  report_unlock();
  pthread_mutex_unlock(&stats_mutex);
  return NULL;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, NULL, pps_thread, NULL);
  pthread_create(&b, NULL, reporter, NULL);
  pthread_create(&c, NULL, statistician, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return 0;
}
