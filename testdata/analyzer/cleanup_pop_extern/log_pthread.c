// multipath-tools' log_safe() (libmpathutil/log_pthread.c): the lock is released by the
// cancellation cleanup handler that pthread_cleanup_pop(1) runs; glibc's C macros call it
// through a local function pointer (`__cancel_routine(__cancel_arg)`), and the handler is
// defined in util.c. Only the cross-TU pass sees that log_safe() takes nothing.
// STATIC-COMPILE: --std=gnu99 -O2 -D_GNU_SOURCE -fPIC
#include <pthread.h>
#include <stdio.h>

#include "log.h"

static pthread_mutex_t logev_lock = PTHREAD_MUTEX_INITIALIZER;
static int logq_running = 1;
static int log_messages_pending;

void log_safe(int prio, const char *fmt, va_list ap) {
  int running;
  pthread_mutex_lock(&logev_lock);
  pthread_cleanup_push(cleanup_mutex, &logev_lock);
  running = logq_running;
  if (running)
    log_messages_pending++;
  pthread_cleanup_pop(1);
  if (!running)
    vfprintf(stderr, fmt, ap);
  (void)prio;
}
