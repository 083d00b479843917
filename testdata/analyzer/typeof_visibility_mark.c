// A library marks its exported functions with `extern __typeof__ (name) name
// __attribute__((visibility("default")))` (libgcrypt's MARK_VISIBLEX in visibility.h). The
// name inside `__typeof__` is not evaluated: the function's address goes nowhere, and its
// callers are all known. Here `set_option(OPT_VERBOSE)` hands its command to a switch that
// bumps an unlocked counter, only from main() before the threads start; the workers call
// `set_option(OPT_STAT)` only, which takes the lock (and read the verbosity in their own
// code): clean. Before, the mark counted as the function's address escaping, so any thread
// could call it with anything, and the bump was reported as unlocked-rmw; `sizeof (&f)`
// alone did the same. The twin typeof_visibility_mark_table.c also calls it through a table.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>

enum option { OPT_VERBOSE = 1, OPT_STAT = 2 };
static int verbosity;
static long stats;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

int set_option(enum option which);
#define MARK_VISIBLE(name) extern __typeof__(name) name __attribute__((visibility("default")));
MARK_VISIBLE(set_option)

static int apply_option(enum option which) {
  switch (which) {
  case OPT_VERBOSE:
    return ++verbosity;
  case OPT_STAT:
    pthread_mutex_lock(&stats_lock);
    long n = ++stats;
    pthread_mutex_unlock(&stats_lock);
    return (int)n;
  }
  return -1;
}

int set_option(enum option which) {
  return apply_option(which);
}

static const unsigned long pointer_size = sizeof(&set_option);

static void *worker(void *arg) {
  (void)arg;
  long n = 0;
  for (int i = 0; i < 1000; i++)
    if (set_option(OPT_STAT) > 0 && verbosity > 1)
      n++;
  return (void *)n;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t t[2];
  for (int i = 1; i < argc; i++)
    set_option(OPT_VERBOSE);
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return pointer_size == 0;
}
