// A logger that must not re-enter itself, broken: the thread-local flag is cleared before the
// error path under the lock logs again; a second one sets its flag on one path only.
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
  in_log = 0;
  if (!log_file || fputs(m, log_file) < 0)
    log_reopen();  // EXPECT-STATIC: self-deadlock log_mu
  pthread_mutex_unlock(&log_mu);
}

static pthread_mutex_t audit_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int in_audit;

void audit(int quiet);

static void audit_flush(void) { audit(0); }

void audit(int quiet) {
  if (in_audit)
    return;
  if (quiet)
    in_audit = 1;
  pthread_mutex_lock(&audit_mu);
  audit_flush();  // EXPECT-STATIC: self-deadlock audit_mu
  pthread_mutex_unlock(&audit_mu);
  in_audit = 0;
}

// A callee that drops the depth and does not count it up again: log_reopen2() logs again.
static pthread_mutex_t log2_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int log_depth;
static FILE *log2_file;
void (*log_hook)(const char *m);

void log_msg2(const char *m);

static void log_write_hooked(const char *m) {
  --log_depth;  // lets the hook log
  if (log_hook)
    log_hook(m);
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
    log_reopen2();  // EXPECT-STATIC: self-deadlock log2_mu
  pthread_mutex_unlock(&log2_mu);
}
