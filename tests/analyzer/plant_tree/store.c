#include <pthread.h>
#include <string.h>

#include "store.h"

pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t journal_lock = PTHREAD_MUTEX_INITIALIZER;
struct cache the_cache = {PTHREAD_MUTEX_INITIALIZER, 0};
static long entries, hits, lines, records;

void store_put(const char *key) {
  (void)key;
  pthread_mutex_lock(&table_lock);
  entries++;
  pthread_mutex_unlock(&table_lock);
}

void store_hit(void) {
  mutex_lock(&stats_lock);
  hits++;
  mutex_unlock(&stats_lock);
}

void store_log(const char *msg) {
  (void)msg;
  mutex_lock(&log_lock);
  lines++;
  mutex_unlock(&log_lock);
}

void cache_touch(struct cache *c) {
  pthread_mutex_lock(&c->mu);
  c->used++;
  pthread_mutex_unlock(&c->mu);
}

void store_journal(void) {
  lock_fns.lock(&journal_lock);
  records++;
  lock_fns.unlock(&journal_lock);
}
