// STATIC-RUN:
// A lock wrapper whose one member points to a struct holding its one lock (a pimpl, as clucene's
// mutex_thread { Internal *_internal; } with Internal { pthread_mutex_t mtx; ... }) is shown by
// the wrapper object's name: `log_lock`, not `log_lock.in` or `log_lock.in.mtx`. A lock the
// source names itself through a struct with two ways to a lock is shown as written:
// `pair.first->mtx`, `pair.second->mtx`.
#include <pthread.h>
#include <stdlib.h>

struct inner {
  pthread_mutex_t mtx;
  pthread_t owner;
  unsigned count;
};
struct wrap {
  struct inner *in;
};
struct two {
  struct inner *first, *second;
};

static struct wrap log_lock, cfg_lock;
static struct two pair;
static long logs, cfgs;

static void wrap_lock(struct wrap *w) { pthread_mutex_lock(&w->in->mtx); }
static void wrap_unlock(struct wrap *w) { pthread_mutex_unlock(&w->in->mtx); }

static void *logger(void *arg) {
  (void)arg;
  wrap_lock(&log_lock);
  logs++;
  wrap_lock(&cfg_lock);  // EXPECT-STATIC: lock-order-inversion cfg_lock => log_lock => cfg_lock
  cfgs++;
  wrap_unlock(&cfg_lock);
  wrap_unlock(&log_lock);
  pthread_mutex_lock(&pair.first->mtx);
  pthread_mutex_lock(&pair.second->mtx);  // EXPECT-STATIC: lock-order-inversion pair.first->mtx => pair.second->mtx => pair.first->mtx
  pthread_mutex_unlock(&pair.second->mtx);
  pthread_mutex_unlock(&pair.first->mtx);
  return NULL;
}

static void *configurer(void *arg) {
  (void)arg;
  wrap_lock(&cfg_lock);
  cfgs++;
  wrap_lock(&log_lock);  // EXPECT-STATIC: lock-order-inversion cfg_lock => log_lock => cfg_lock
  logs++;
  wrap_unlock(&log_lock);
  wrap_unlock(&cfg_lock);
  pthread_mutex_lock(&pair.second->mtx);
  pthread_mutex_lock(&pair.first->mtx);  // EXPECT-STATIC: lock-order-inversion pair.first->mtx => pair.second->mtx => pair.first->mtx
  pthread_mutex_unlock(&pair.first->mtx);
  pthread_mutex_unlock(&pair.second->mtx);
  return NULL;
}

static struct inner *new_inner(void) {
  struct inner *i = calloc(1, sizeof *i);
  pthread_mutex_init(&i->mtx, NULL);
  return i;
}

int main(void) {
  log_lock.in = new_inner();
  cfg_lock.in = new_inner();
  pair.first = new_inner();
  pair.second = new_inner();
  pthread_t a, b;
  pthread_create(&a, NULL, logger, NULL);
  pthread_create(&b, NULL, configurer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
