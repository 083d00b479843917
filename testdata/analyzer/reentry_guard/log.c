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

// A depth counted up and down again by a callee (a hook bracketed as jemalloc's ehooks_*()
// bracket theirs with pre_reentrancy()/post_reentrancy()) leaves it as it was: still set
// when log_reopen2() logs again.
static pthread_mutex_t log2_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int log_depth;
static FILE *log2_file;
void (*log_hook)(const char *m);

void log_msg2(const char *m);

static void log_write_hooked(const char *m) {
  ++log_depth;
  if (log_hook)
    log_hook(m);
  --log_depth;
}

static void log_reopen2(void) {
  log2_file = fopen("/tmp/log2", "a");
  if (!log2_file)
    log_msg2("cannot reopen the log");
}

void log_msg2(const char *m) {
  if (log_depth > 0)
    return;
  ++log_depth;
  pthread_mutex_lock(&log2_mu);
  log_write_hooked(m);
  if (!log2_file || fputs(m, log2_file) < 0)
    log_reopen2();
  pthread_mutex_unlock(&log2_mu);
  --log_depth;
}
