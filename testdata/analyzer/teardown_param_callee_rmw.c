// ucx's rcache in miniature: region_destroy() updates the cache's counters with pgt_lock held
// by its callers: rcache_get() under the lock, and the cache's cleanup function, which purges
// the regions and then destroys pgt_lock (through an ops table, as ucx's class cleanup). A
// function that destroys its parameter's lock tears that object down: no other thread still
// uses it, so the calls it makes on the object need no lock. Clean. The twin
// teardown_param_callee_rmw_flush.c flushes the same way without tearing down: reported.
// STATIC-RUN:
// TSAN: clean
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
  --rc->num_regions;
  rc->total_size -= r->size;
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

static void rcache_cleanup(struct rcache *rc) {
  check_gc_list(rc);
  purge(rc);
  pthread_spin_destroy(&rc->lock);
  pthread_rwlock_destroy(&rc->pgt_lock);
}

struct rcache_ops {
  void (*cleanup)(struct rcache *);
};
static const struct rcache_ops ops = {rcache_cleanup};

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
  ops.cleanup(rc);
  free(rc);
}

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
