// A logger that must not re-enter itself: a thread-local flag tested before the lock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int in_log;
static FILE *log_file;

void log_msg(const char *m);

static void log_reopen(void) {
  log_file = fopen("/tmp/log", "a");
  if (!log_file)
    log_msg("cannot reopen the log");
}

void log_msg(const char *m) {
  if (in_log)
    return;
  in_log = 1;
  pthread_mutex_lock(&log_mu);
  if (!log_file || fputs(m, log_file) < 0)
    log_reopen();
  pthread_mutex_unlock(&log_mu);
  in_log = 0;
}
