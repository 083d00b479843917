// clamav's clamonacc starts its one watcher thread inside `do { ... } while (0)` (a block to
// break out of when pthread_attr_init() fails), and only that thread grows the watch table:
// `wdlt_len <<= 1` without a lock. A do-while whose condition is the constant 0 runs its body
// once, so it starts one thread, not one per pass of a loop, and nothing else touches the
// table: no race. (The same holds for a macro's `do { ... } while (0)`.) Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdlib.h>

static char **table;
static unsigned table_len;
static pthread_t watcher_tid;

static int grow_table(void) {
  char **p = realloc(table, sizeof(char *) * (table_len << 1));
  if (!p)
    return -1;
  table = p;
  table_len <<= 1;
  return 0;
}

static void *watcher(void *arg) {
  table_len = 4;
  table = calloc(table_len, sizeof(char *));
  for (unsigned wd = 0; wd < 64 && table; wd++)
    if (wd >= table_len && grow_table() != 0)
      break;
  free(table);
  return arg;
}

static int start_watcher(void) {
  int started = 1;
  do {
    pthread_attr_t attr;
    if (pthread_attr_init(&attr))
      break;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
    started = pthread_create(&watcher_tid, &attr, watcher, NULL);
    pthread_attr_destroy(&attr);
  } while (0);
  return started;
}

int main(void) {
  if (start_watcher() != 0)
    return 1;
  pthread_join(watcher_tid, NULL);
  return 0;
}
