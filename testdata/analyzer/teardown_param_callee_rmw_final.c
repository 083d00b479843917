// teardown_param_callee_rmw.c where the release function destroys the cache's locks only when
// asked to (`if (final)`): it also flushes a cache that stays in use, and rcache_flush() does so
// on the shared cache while the users run. A conditional destroy is no teardown. Reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct region {
  struct region *next;
  long size;
};

struct rcache {
  pthread_rwlock_t pgt_lock;
  pthread_spinlock_t lock;
  struct region *gc_list;
  struct region *regions;
  int num_regions;
  long total_size;
};

// pgt_lock held by the caller (or the rcache being torn down)
static void region_destroy(struct rcache *rc, struct region *r) {
  --rc->num_regions;  // EXPECT: unlocked-rmw rcache::num_regions
  rc->total_size -= r->size;  // EXPECT: unlocked-rmw rcache::total_size
  free(r);
}

static void check_gc_list(struct rcache *rc) {
  pthread_spin_lock(&rc->lock);
  while (rc->gc_list) {
    struct region *r = rc->gc_list;
    rc->gc_list = r->next;
    pthread_spin_unlock(&rc->lock);
    region_destroy(rc, r);
    pthread_spin_lock(&rc->lock);
  }
  pthread_spin_unlock(&rc->lock);
}

static void purge(struct rcache *rc) {
  while (rc->regions) {
    struct region *r = rc->regions;
    rc->regions = r->next;
    region_destroy(rc, r);
  }
}

// flushes the cache; tears it down only when `final`
static void rcache_release(struct rcache *rc, int final) {
  check_gc_list(rc);
  purge(rc);
  if (final) {
    pthread_spin_destroy(&rc->lock);
    pthread_rwlock_destroy(&rc->pgt_lock);
  }
}

struct rcache_ops {
  void (*release)(struct rcache *, int);
};
static const struct rcache_ops ops = {rcache_release};

struct rcache *rcache_create(void) {
  struct rcache *rc = calloc(1, sizeof *rc);
  pthread_rwlock_init(&rc->pgt_lock, NULL);
  pthread_spin_init(&rc->lock, PTHREAD_PROCESS_PRIVATE);
  return rc;
}

void rcache_get(struct rcache *rc, long size) {
  pthread_rwlock_wrlock(&rc->pgt_lock);
  check_gc_list(rc);
  struct region *r = calloc(1, sizeof *r);
  r->size = size;
  r->next = rc->regions;
  rc->regions = r;
  ++rc->num_regions;
  rc->total_size += size;
  pthread_rwlock_unlock(&rc->pgt_lock);
}

void rcache_put(struct rcache *rc, struct region *r) {
  pthread_spin_lock(&rc->lock);
  r->next = rc->gc_list;
  rc->gc_list = r;
  pthread_spin_unlock(&rc->lock);
}

void rcache_destroy(struct rcache *rc) {
  ops.release(rc, 1);
  free(rc);
}

void rcache_flush(struct rcache *rc) { ops.release(rc, 0); }

static struct rcache *shared_rc;

static void *user(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i)
    rcache_get(shared_rc, i);
  return NULL;
}

static void *private_user(void *arg) {
  (void)arg;
  struct rcache *mine = rcache_create();
  rcache_get(mine, 1);
  rcache_destroy(mine);
  rcache_flush(shared_rc);  // while the users run
  return NULL;
}

int main(void) {
  shared_rc = rcache_create();
  pthread_t a, b, c;
  pthread_create(&a, NULL, user, NULL);
  pthread_create(&b, NULL, user, NULL);
  pthread_create(&c, NULL, private_user, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  rcache_destroy(shared_rc);
  return 0;
}
