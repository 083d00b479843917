// ucx's rcache.c in miniature: region_put() takes the page-table lock itself only when its
// flags carry PUT_TAKE_LOCK; otherwise its caller holds it. invalidate_one() passes its own flags
// on with another bit set (`flags | PUT_IN_TABLE`), and before_fork() calls the chain with 0
// while it holds the lock, so the bit that decides the lock is clear all the way down: no
// self-deadlock. drop_locked() passes `flags & ~PUT_TAKE_LOCK`: clear whatever its callers
// pass. Clean. The twin flags_bits_callee_lock_taken.c sets the bit on the way down.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>

enum { PUT_TAKE_LOCK = 1 << 0, PUT_IN_TABLE = 1 << 1 };

struct cache {
  pthread_rwlock_t pgt_lock;
  int regions;
};
static struct cache the_cache = {PTHREAD_RWLOCK_INITIALIZER, 100000};

static void region_put(struct cache *c, unsigned flags) {
  if (flags & PUT_TAKE_LOCK)
    pthread_rwlock_wrlock(&c->pgt_lock);
  if (c->regions > 0)
    c->regions = c->regions - 1;
  if (flags & PUT_TAKE_LOCK)
    pthread_rwlock_unlock(&c->pgt_lock);
}

static void invalidate_one(struct cache *c, unsigned flags) {
  region_put(c, flags | PUT_IN_TABLE);
}

static void invalidate_range(struct cache *c, unsigned flags) {
  for (int i = 0; i < 2; ++i)
    invalidate_one(c, flags);
}

static void before_fork(void) {
  pthread_rwlock_wrlock(&the_cache.pgt_lock);
  invalidate_range(&the_cache, 0);
  pthread_rwlock_unlock(&the_cache.pgt_lock);
}

static void drop_locked(struct cache *c, unsigned flags) {
  pthread_rwlock_wrlock(&c->pgt_lock);
  region_put(c, flags & ~PUT_TAKE_LOCK);
  pthread_rwlock_unlock(&c->pgt_lock);
}

static void *forker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i)
    before_fork();
  return NULL;
}

static void *user(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; ++i) {
    region_put(&the_cache, PUT_TAKE_LOCK);
    drop_locked(&the_cache, PUT_TAKE_LOCK | PUT_IN_TABLE);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, forker, NULL);
  pthread_create(&b, NULL, user, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
