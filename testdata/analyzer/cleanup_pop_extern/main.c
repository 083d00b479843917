// A lock released by a cancellation cleanup handler defined in another TU (multipath-tools'
// log_safe(): `pthread_cleanup_push(cleanup_mutex, &logev_lock)` ... `pthread_cleanup_pop(1)`
// with cleanup_mutex() in libmpathutil/util.c). glibc's C macros call the handler through a
// local function pointer initialised from the push's routine, with a local void * initialised
// from its argument: the call is cleanup_mutex(&logev_lock), and the analyzer's second pass
// applies cleanup_mutex()'s summary (it releases its argument). log_safe() returns holding
// nothing: calling it twice is no self-deadlock, and it orders no lock after config_lock
// (config_lock is taken under logev_lock nowhere; log_safe runs under config_lock).
// STATIC-RUN:
// STATIC-COMPILE: --std=gnu99 -O2 -D_GNU_SOURCE -fPIC
#include <pthread.h>
#include <stdio.h>

#include "log.h"

static pthread_mutex_t logev_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int logq_running = 1;
static int log_messages_pending;
static int conf_version;

void log_safe(int prio, const char *msg) {
  int running;
  pthread_mutex_lock(&logev_lock);
  pthread_cleanup_push(cleanup_mutex, &logev_lock);
  running = logq_running;
  if (running)
    log_messages_pending++;
  pthread_cleanup_pop(1);
  if (!running)
    fprintf(stderr, "%d %s\n", prio, msg);
}

static void *checker(void *arg) {
  log_safe(3, "one");
  log_safe(3, "two");
  pthread_mutex_lock(&config_lock);
  conf_version++;
  log_safe(4, "config changed");
  pthread_mutex_unlock(&config_lock);
  return arg;
}

static void *logger(void *arg) {
  pthread_mutex_lock(&logev_lock);
  log_messages_pending = 0;
  pthread_mutex_unlock(&logev_lock);
  pthread_mutex_lock(&config_lock);
  conf_version++;
  pthread_mutex_unlock(&config_lock);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, checker, 0);
  pthread_create(&b, 0, logger, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
