// The twin of mode_string_branch.c: message_load() opens a socket ("s") while it holds
// lang_mutex, and write_log() appends ("a") while it holds log_mutex; both reach the branch
// that takes the lock again: two self-deadlocks.
//
// A constant mode string picks the callee's branch (cups' cupsFileOpen(filename, "r")
// switches on mode[0]; only its `case 's'` socket branch reaches the code that takes
// lang_mutex): message_load() holds lang_mutex while it opens its file for reading, so that
// branch never runs there, and no self-deadlock. The same with a `*mode != 'w'` test:
// write_log() holds log_mutex and passes "w", so log_line() does not flush (which takes
// log_mutex). The twin, mode_string_branch_socket.c, opens a socket under lang_mutex and
// appends under log_mutex.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lang_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static const char *last_error;
static int nlangs, nlogs;

static const char *lang_string(const char *s) {
  pthread_mutex_lock(&lang_mutex);
  nlangs++;
  pthread_mutex_unlock(&lang_mutex);
  return s;
}

static void set_error(const char *msg) { last_error = lang_string(msg); }

static int addr_lookup(const char *host) {
  if (!host) {
    set_error("no host");
    return -1;
  }
  return 0;
}

static FILE *file_open(const char *name, const char *mode) {
  switch (mode[0]) {
  case 'r':
  case 'w':
    return fopen(name, mode);
  case 's':
    if (addr_lookup(name) < 0)
      return NULL;
    return NULL;
  default:
    return NULL;
  }
}

static void log_flush(void) {
  pthread_mutex_lock(&log_mutex);
  nlogs++;
  pthread_mutex_unlock(&log_mutex);
}

static void log_line(const char *name, const char *mode) {
  if (*mode != 'w')  // appending: flush first
    log_flush();
  (void)name;
}

static void write_log(const char *name) {
  pthread_mutex_lock(&log_mutex);
  log_line(name, "a");  // EXPECT-STATIC: self-deadlock log_mutex
  nlogs++;
  pthread_mutex_unlock(&log_mutex);
}

static void message_load(const char *filename) {
  pthread_mutex_lock(&lang_mutex);
  FILE *fp = file_open(filename, "s");  // EXPECT-STATIC: self-deadlock lang_mutex
  if (fp)
    fclose(fp);
  nlangs++;
  pthread_mutex_unlock(&lang_mutex);
}

static void *worker(void *arg) {
  message_load(getenv("LANGFILE"));  // may be null: addr_lookup()'s `if (!host)` branch runs
  write_log("/tmp/log");
  log_line("/tmp/log", "a");
  FILE *s = file_open("localhost", "s");
  if (s)
    fclose(s);
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
