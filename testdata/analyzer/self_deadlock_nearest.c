// A self-deadlock reached two ways from one call is reported with the nearer second
// acquisition (libvips' vips_thread_profile_save()): profile_save() holds global_lock around
// open_write(), whose failure goes to verror(), which takes global_lock itself; only when
// `fatal` is set does verror() go on, through error_exit(), shutdown_all() and a run-once
// guard, to leak() and error_buffer(), which take it too. Both are the same defect at the same
// call: one finding, whose notes end at verror()'s lock (the expectation's line), not eight
// calls deeper at error_buffer()'s. (Before, the second acquisition earlier in the file won.)
// Twin: the acquisitions in verror() and error_buffer() alone are no finding.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;
static int fatal, leak_check;
static char error_text[256];

static const char *error_buffer(void) {
  static char copy[256];
  pthread_mutex_lock(&global_lock);
  snprintf(copy, sizeof copy, "%s", error_text);
  pthread_mutex_unlock(&global_lock);
  return copy;
}

static void leak(void) { fprintf(stderr, "error buffer: %s\n", error_buffer()); }

static void shutdown_all(void) {
  if (leak_check) {
    static int done;
    if (!done) {
      done = 1;
      leak();
    }
  }
}

static void error_exit(void) {
  shutdown_all();
  exit(1);
}

static void verror(const char *what) {
  pthread_mutex_lock(&global_lock);  // EXPECT-STATIC: self-deadlock global_lock
  snprintf(error_text, sizeof error_text, "cannot open %s", what);
  pthread_mutex_unlock(&global_lock);
  if (fatal)
    error_exit();
}

static FILE *open_write(const char *name) {
  FILE *f = fopen(name, "w");
  if (!f)
    verror(name);
  return f;
}

static void *profile_save(void *arg) {
  pthread_mutex_lock(&global_lock);
  FILE *f = open_write((const char *)arg);
  if (f)
    fclose(f);
  pthread_mutex_unlock(&global_lock);
  return NULL;
}

static void *report(void *arg) {
  verror((const char *)arg);
  return (void *)error_buffer();
}

int main(int argc, char **argv) {
  pthread_t t, u;
  fatal = argc > 2;
  leak_check = argc > 3;
  pthread_create(&t, NULL, profile_save, argc > 1 ? argv[1] : "/nonexistent/profile");
  pthread_create(&u, NULL, report, "x");
  pthread_join(t, NULL);
  pthread_join(u, NULL);
  return 0;
}
