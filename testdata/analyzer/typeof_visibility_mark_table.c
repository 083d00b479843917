// Twin of typeof_visibility_mark.c: besides the visibility mark, the library also puts
// `set_option` in an operations table the workers call through, and a worker may send
// `OPT_VERBOSE` that way. The address really escapes, two workers can bump the verbosity at
// once: reported.
// STATIC-RUN:
// TSAN: racy
#include <pthread.h>

enum option { OPT_VERBOSE = 1, OPT_STAT = 2 };
static int verbosity;
static long stats;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

int set_option(enum option which);
extern __typeof__(set_option) set_option __attribute__((visibility("default")));

static int apply_option(enum option which) {
  switch (which) {
  case OPT_VERBOSE:
    return ++verbosity;  // EXPECT-STATIC: unlocked-rmw verbosity
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

struct ops {
  int (*option)(enum option);
};

static void *worker(void *arg) {
  const struct ops *o = arg;
  long n = 0;
  for (int i = 0; i < 1000; i++)
    if (o->option(i % 100 == 99 ? OPT_VERBOSE : OPT_STAT) > 0 && verbosity > 1)
      n++;
  return (void *)n;
}

int main(void) {
  static struct ops table;
  table.option = set_option;
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, &table);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
