// A field updated under a striped lock (an element of a lock array, which cannot
// be named) and, elsewhere, under that lock plus an unrelated named one (memcached's
// item locks and stats lock). The striped lock protects every update: no finding.
// Before the fix the first RMW was reported as "protected by 'stats_lock' elsewhere".
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

#define NSTRIPES 4
struct item {
  int refcount;
};

static pthread_mutex_t item_locks[NSTRIPES];
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static struct item items[NSTRIPES];
static long stats_updates;

static void *worker(void *arg) {
  unsigned h = (unsigned)(long)arg;
  for (int i = 0; i < 20000; i++) {
    unsigned s = (h + (unsigned)i) % NSTRIPES;
    struct item *it = &items[s];
    pthread_mutex_lock(&item_locks[s]);
    it->refcount++;
    pthread_mutex_unlock(&item_locks[s]);

    pthread_mutex_lock(&item_locks[s]);
    pthread_mutex_lock(&stats_lock);
    it->refcount -= 1;
    stats_updates++;
    pthread_mutex_unlock(&stats_lock);
    pthread_mutex_unlock(&item_locks[s]);
  }
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < NSTRIPES; i++)
    pthread_mutex_init(&item_locks[i], NULL);
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("%d %ld\n", items[0].refcount, stats_updates);
  return 0;
}
