// STATIC-RUN:
// APR's locks (the Apache Portable Runtime: apr_thread_mutex_t, apr_thread_rwlock_t,
// apr_thread_cond_t), as httpd modules and other APR programs take them. The declarations below
// are APR's own (apr_thread_mutex.h, apr_thread_rwlock.h, apr_thread_cond.h), so the case needs
// no APR headers. The locks are opaque: the program holds pointers to them.
// - an A/B inversion of two thread mutexes between two threads: reported;
// - apr_thread_mutex_trylock() returns APR_SUCCESS (0) when it took the lock: held inside
//   `if (apr_thread_mutex_trylock(m) == APR_SUCCESS)` only (else stats_mu, taken after it, would
//   make a false cycle with cache->mu);
// - a thread mutex taken again by its owner is no self-deadlock: it may be
//   APR_THREAD_MUTEX_NESTED, a flag of apr_thread_mutex_create() the analyzer does not read;
// - an rwlock's write lock under a mutex in one thread and that mutex under its read lock in the
//   other: an inversion (a writer waits for the reader);
// - apr_thread_cond_wait() releases the mutex while it waits: no edge from it to what the
//   signalling thread holds.
#include <pthread.h>
#include <stddef.h>

typedef int apr_status_t;
typedef long apr_interval_time_t;
typedef struct apr_pool_t apr_pool_t;
typedef struct apr_thread_mutex_t apr_thread_mutex_t;
typedef struct apr_thread_rwlock_t apr_thread_rwlock_t;
typedef struct apr_thread_cond_t apr_thread_cond_t;
#define APR_SUCCESS 0
#define APR_THREAD_MUTEX_DEFAULT 0x0
apr_status_t apr_thread_mutex_create(apr_thread_mutex_t **mutex, unsigned int flags, apr_pool_t *pool);
apr_status_t apr_thread_mutex_lock(apr_thread_mutex_t *mutex);
apr_status_t apr_thread_mutex_trylock(apr_thread_mutex_t *mutex);
apr_status_t apr_thread_mutex_unlock(apr_thread_mutex_t *mutex);
apr_status_t apr_thread_rwlock_create(apr_thread_rwlock_t **rwlock, apr_pool_t *pool);
apr_status_t apr_thread_rwlock_rdlock(apr_thread_rwlock_t *rwlock);
apr_status_t apr_thread_rwlock_wrlock(apr_thread_rwlock_t *rwlock);
apr_status_t apr_thread_rwlock_unlock(apr_thread_rwlock_t *rwlock);
apr_status_t apr_thread_cond_create(apr_thread_cond_t **cond, apr_pool_t *pool);
apr_status_t apr_thread_cond_wait(apr_thread_cond_t *cond, apr_thread_mutex_t *mutex);
apr_status_t apr_thread_cond_signal(apr_thread_cond_t *cond);

struct cache {
  apr_thread_mutex_t *mu;
  apr_thread_rwlock_t *table_rw;
  apr_thread_cond_t *ready;
  int entries;
  int done;
};

static struct cache *the_cache;
static apr_thread_mutex_t *stats_mu;
static apr_thread_mutex_t *log_mu;
static long hits;

static void cache_insert(struct cache *c) {
  apr_thread_mutex_lock(c->mu);
  apr_thread_mutex_lock(log_mu);  // EXPECT-STATIC: lock-order-inversion cache::mu => log_mu => cache::mu
  c->entries++;
  apr_thread_mutex_unlock(log_mu);
  apr_thread_mutex_unlock(c->mu);
}

static void log_flush(struct cache *c) {
  apr_thread_mutex_lock(log_mu);
  apr_thread_mutex_lock(c->mu);
  c->entries = 0;
  apr_thread_mutex_unlock(c->mu);
  apr_thread_mutex_unlock(log_mu);
}

// nested: the same mutex again while held (legal for an APR_THREAD_MUTEX_NESTED one)
static void cache_touch(struct cache *c) {
  apr_thread_mutex_lock(c->mu);
  cache_insert(c);
  apr_thread_mutex_unlock(c->mu);
}

// the trylock: stats_mu only after the trylock's lock is given back, or when it failed
static void count_hit(struct cache *c) {
  if (apr_thread_mutex_trylock(c->mu) == APR_SUCCESS) {
    c->entries++;
    apr_thread_mutex_unlock(c->mu);
  }
  apr_thread_mutex_lock(stats_mu);
  hits++;
  apr_thread_mutex_unlock(stats_mu);
}

static void stats_report(struct cache *c) {
  apr_thread_mutex_lock(stats_mu);
  apr_thread_mutex_lock(c->mu);
  hits += c->entries;
  apr_thread_mutex_unlock(c->mu);
  apr_thread_mutex_unlock(stats_mu);
}

static void table_resize(struct cache *c) {
  apr_thread_mutex_lock(stats_mu);
  apr_thread_rwlock_wrlock(c->table_rw);  // EXPECT-STATIC: lock-order-inversion stats_mu => cache::table_rw => stats_mu
  c->entries *= 2;
  apr_thread_rwlock_unlock(c->table_rw);
  apr_thread_mutex_unlock(stats_mu);
}

static void table_lookup(struct cache *c) {
  apr_thread_rwlock_rdlock(c->table_rw);
  apr_thread_mutex_lock(stats_mu);
  hits++;
  apr_thread_mutex_unlock(stats_mu);
  apr_thread_rwlock_unlock(c->table_rw);
}

// the condition wait gives c->mu back while it waits
static void wait_ready(struct cache *c) {
  apr_thread_mutex_lock(c->mu);
  while (!c->done)
    apr_thread_cond_wait(c->ready, c->mu);
  apr_thread_mutex_unlock(c->mu);
}

static void *worker(void *arg) {
  struct cache *c = arg;
  cache_insert(c);
  cache_touch(c);
  count_hit(c);
  table_resize(c);
  wait_ready(c);
  return NULL;
}

static void *flusher(void *arg) {
  struct cache *c = arg;
  log_flush(c);
  stats_report(c);
  table_lookup(c);
  apr_thread_mutex_lock(c->mu);
  c->done = 1;
  apr_thread_cond_signal(c->ready);
  apr_thread_mutex_unlock(c->mu);
  return NULL;
}

int main(void) {
  static struct cache c;
  apr_thread_mutex_create(&c.mu, APR_THREAD_MUTEX_DEFAULT, NULL);
  apr_thread_rwlock_create(&c.table_rw, NULL);
  apr_thread_cond_create(&c.ready, NULL);
  apr_thread_mutex_create(&stats_mu, APR_THREAD_MUTEX_DEFAULT, NULL);
  apr_thread_mutex_create(&log_mu, APR_THREAD_MUTEX_DEFAULT, NULL);
  the_cache = &c;
  pthread_t a, b;
  pthread_create(&a, NULL, worker, the_cache);
  pthread_create(&b, NULL, flusher, the_cache);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
