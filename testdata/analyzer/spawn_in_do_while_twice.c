// The twin of spawn_in_do_while_zero.c: the do-while goes round twice (`while (++i < 2)`), so
// two watchers grow the one table and `table_len <<= 1` races: a lost update.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

static char **table;
static unsigned table_len;
static pthread_t watcher_tid[2];

static int grow_table(void) {
  char **p = realloc(table, sizeof(char *) * (table_len << 1));
  if (!p)
    return -1;
  table = p;
  table_len <<= 1;  // EXPECT-STATIC: unlocked-rmw table_len
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
  int started = 1, i = 0;
  do {
    pthread_attr_t attr;
    if (pthread_attr_init(&attr))
      break;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
    started = pthread_create(&watcher_tid[i], &attr, watcher, NULL);
    pthread_attr_destroy(&attr);
  } while (++i < 2);
  return started;
}

int main(void) {
  if (start_watcher() != 0)
    return 1;
  pthread_join(watcher_tid[0], NULL);
  pthread_join(watcher_tid[1], NULL);
  return 0;
}
