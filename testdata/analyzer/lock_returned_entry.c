// A cache lookup that returns the entry locked (memcached's item_get_locked style): the call is
// an acquire of the returned entry's lock, 'entry::mu'. The evictor takes lru_lock and then an
// entry through the lookup; the reader takes an entry through the lookup and then lru_lock to
// bump it: an inversion between the entry's lock and lru_lock. The lookup that hands the entry
// back through an out-parameter is the same acquire. The stats path releases the entry before
// it takes lru_lock: no edge from there.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct entry {
  pthread_mutex_t mu;
  struct entry *next;
  int key, hits;
};

struct cache {
  struct entry *buckets[64];
};

static struct cache cache;
static pthread_mutex_t lru_lock = PTHREAD_MUTEX_INITIALIZER;
static long lru_bumps;

static struct entry *cache_lookup_locked(int key) {
  struct entry *e = cache.buckets[key & 63];
  while (e && e->key != key)
    e = e->next;
  if (e)
    pthread_mutex_lock(&e->mu);
  return e;
}

static void cache_find(int key, struct entry **out) {
  struct entry *e = cache.buckets[key & 63];
  pthread_mutex_lock(&e->mu);
  *out = e;
}

static void *reader(void *arg) {
  for (int k = 0; k < 100; k++) {
    struct entry *e = cache_lookup_locked(k);  // EXPECT-STATIC: lock-order-inversion entry::mu => lru_lock => entry::mu
    if (!e)
      continue;
    e->hits++;
    pthread_mutex_lock(&lru_lock);  // EXPECT-STATIC: lock-order-inversion entry::mu => lru_lock => entry::mu
    lru_bumps++;
    pthread_mutex_unlock(&lru_lock);
    pthread_mutex_unlock(&e->mu);
  }
  return arg;
}

static void *evictor(void *arg) {
  for (int k = 0; k < 100; k++) {
    pthread_mutex_lock(&lru_lock);  // EXPECT-STATIC: lock-order-inversion entry::mu => lru_lock => entry::mu
    struct entry *e;
    cache_find(k, &e);  // EXPECT-STATIC: lock-order-inversion entry::mu => lru_lock => entry::mu
    e->hits = 0;
    pthread_mutex_unlock(&e->mu);
    lru_bumps--;
    pthread_mutex_unlock(&lru_lock);
  }
  return arg;
}

static void *stats(void *arg) {
  long hits = 0;
  for (int k = 0; k < 100; k++) {
    struct entry *e = cache_lookup_locked(k);
    if (!e)
      continue;
    hits += e->hits;
    pthread_mutex_unlock(&e->mu);
    pthread_mutex_lock(&lru_lock);
    lru_bumps += hits;
    pthread_mutex_unlock(&lru_lock);
  }
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&b, 0, evictor, 0);
  pthread_create(&c, 0, stats, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
