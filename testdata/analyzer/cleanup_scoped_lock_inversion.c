// Twin of cleanup_scoped_lock.c: count_lookup() takes table_mtx inside its stats_mtx block,
// the opposite of add_entry()'s nesting: a real inversion, reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static inline pthread_mutex_t *mtx_lock(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  return m;
}

static inline void mtx_unlock(pthread_mutex_t **m) {
  if (!*m)
    return;
  pthread_mutex_unlock(*m);
  *m = NULL;
}

#define with_mutex(m)                                                                          \
  for (pthread_mutex_t *_once = NULL, *_mtx __attribute__((unused, cleanup(mtx_unlock))) =     \
                                          mtx_lock(m);                                         \
       _once == NULL; _once = (void *)1)

static pthread_mutex_t table_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mtx = PTHREAD_MUTEX_INITIALIZER;
static int entries, lookups;

static void add_entry(void) {
  with_mutex(&table_mtx) {
    entries++;
    with_mutex(&stats_mtx) {
      lookups++;
    }
  }
}

static void count_lookup(void) {
  with_mutex(&stats_mtx) {
    lookups++;
    with_mutex(&table_mtx) {  // EXPECT-STATIC: lock-order-inversion table_mtx => stats_mtx => table_mtx
      entries--;
    }
  }
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    add_entry();
    add_entry();  // table_mtx was released at the end of the block: no self-deadlock
    count_lookup();
  }
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("%d %d\n", entries, lookups);
  return 0;
}
