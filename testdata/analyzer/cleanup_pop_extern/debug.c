// dlog() (libmpathutil/debug.c): to stderr, or through log_safe() when the global sink says
// syslog. Before the cross-TU pass has seen log_safe() release its lock, its summary says
// it takes logev_lock; the path that skips log_safe() (a global's test) must not carry that
// to dlog(): else "dlog() takes logev_lock" spreads one TU per pass through its callers
// (flush_map, remove_map) faster than the passes undo it, and cli() is reported.
// STATIC-COMPILE: --std=gnu99 -O2 -D_GNU_SOURCE -fPIC
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

int logsink;

void dlog(int prio, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (logsink != 1)
    vfprintf(stderr, fmt, ap);
  else
    log_safe(prio + 3, fmt, ap);
  va_end(ap);
}
