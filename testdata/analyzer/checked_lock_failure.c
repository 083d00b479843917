// A lock call whose result is checked: on the failure branch the lock is not held, so
// logging the error there (log_err() takes the same lock) is no self-deadlock. The forms
// are those of real code: the result assigned in the test, tested directly, stored first.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static long lines, queued;

static void log_err(const char *msg) {
  pthread_mutex_lock(&log_lock);
  lines++;
  fputs(msg, stderr);
  pthread_mutex_unlock(&log_lock);
}

static void log_line(const char *msg) {
  int r;
  if ((r = pthread_mutex_lock(&log_lock)) != 0) {
    log_err("log_line: cannot lock");
    return;
  }
  lines++;
  fputs(msg, stdout);
  pthread_mutex_unlock(&log_lock);
}

static void flush_log(void) {
  if (pthread_mutex_lock(&log_lock)) {
    log_err("flush_log: cannot lock");
    return;
  }
  fflush(stdout);
  pthread_mutex_unlock(&log_lock);
}

static int enqueue(void) {
  int rc = pthread_mutex_lock(&log_lock);
  if (rc != 0) {
    log_err("enqueue: cannot lock");
    return rc;
  }
  pthread_mutex_lock(&q_lock);
  queued++;
  pthread_mutex_unlock(&q_lock);
  pthread_mutex_unlock(&log_lock);
  return 0;
}

static void *worker(void *arg) {
  for (int i = 0; i < 10; i++) {
    log_line("x\n");
    flush_log();
    enqueue();
  }
  return arg;
}


// The result kept and returned after the unlock: the function takes no lock for its callers.
int locked_count(void);
int locked_count(void) {
  int rc = pthread_mutex_lock(&q_lock);
  queued += 0;
  pthread_mutex_unlock(&q_lock);
  return rc;
}

static void *counter(void *arg) {
  locked_count();
  locked_count();
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_create(&c, 0, counter, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
