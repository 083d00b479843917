// Lock wrappers that lock only when asked (`cache_lock(c, 1)`, `cache_unlock(c, 1)`; a caller that
// holds the lock already passes 0). A caller that passes 1 holds the lock until its unlock:
// put() and get() update `hits` under `cache_mu`, and put() takes `index_mu` under it while
// rebuild() takes them the other way round (a real inversion). refill() holds `cache_mu` itself
// and calls evict(..., 0), which takes nothing (no self-deadlock). The twin: peek() passes 0
// without holding the lock, and its update of `hits` is unlocked. A caller that passes its own
// flag on (`cache_lock(c, locked)`) is not followed into the callee: it is taken to hold nothing.
// STATIC-RUN:
#include <pthread.h>

struct cache {
  pthread_mutex_t mu;
  int hits, size;
};

static struct cache cache_store = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
static pthread_mutex_t index_mu = PTHREAD_MUTEX_INITIALIZER;
static int index_gen;

static void cache_lock(struct cache *c, int dolock) {
  if (dolock)
    pthread_mutex_lock(&c->mu);
}

static void cache_unlock(struct cache *c, int dolock) {
  if (dolock)
    pthread_mutex_unlock(&c->mu);
}

static void evict(struct cache *c, int dolock) {
  cache_lock(c, dolock);
  c->size--;
  cache_unlock(c, dolock);
}

static void put(struct cache *c) {
  cache_lock(c, 1);
  c->hits++;
  pthread_mutex_lock(&index_mu);  // EXPECT-STATIC: lock-order-inversion cache::mu => index_mu => cache::mu
  index_gen++;
  pthread_mutex_unlock(&index_mu);
  cache_unlock(c, 1);
}

static void get(struct cache *c) {
  cache_lock(c, 1);
  c->hits++;
  cache_unlock(c, 1);
}

static void refill(struct cache *c) {
  pthread_mutex_lock(&c->mu);
  c->size += 2;
  evict(c, 0);
  pthread_mutex_unlock(&c->mu);
}

static void rebuild(struct cache *c) {
  pthread_mutex_lock(&index_mu);
  index_gen++;
  cache_lock(c, 1);
  c->size = 0;
  cache_unlock(c, 1);
  pthread_mutex_unlock(&index_mu);
}

static void peek(struct cache *c) {
  cache_lock(c, 0);
  c->hits++;  // EXPECT-STATIC: unlocked-rmw cache::hits
  cache_unlock(c, 0);
}

static void *worker(void *arg) {
  (void)arg;
  put(&cache_store);
  get(&cache_store);
  refill(&cache_store);
  evict(&cache_store, 1);
  peek(&cache_store);
  return 0;
}

static void *maintainer(void *arg) {
  (void)arg;
  rebuild(&cache_store);
  get(&cache_store);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, maintainer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
