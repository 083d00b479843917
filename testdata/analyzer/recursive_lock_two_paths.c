// ucx's worker lock in miniature: a worker's async context holds a mutex made recursive by its
// init function, taken through `&w->async` where the worker is at hand, through
// `&ep->worker->async` from an endpoint, and through a worker found by container_of() from a
// pool object. Each path takes the same worker's lock again while it is held (ep_create()
// connects the new endpoint; progress() releases a key back to the worker's pool): re-entries
// of one recursive lock, not an order between two locks. Clean. The twin
// recursive_lock_two_paths_ep.c adds the endpoint's own lock taken both ways: reported.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>

struct rmutex {
  pthread_mutex_t lock;
};

struct async_ctx {
  int mode;
  struct rmutex mutex;
};

struct worker {
  struct async_ctx async;
  int pool[4];
  int keys;
  int eps;
};

struct ep {
  struct worker *worker;
  int state;
};

static void rmutex_init(struct rmutex *m) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&m->lock, &a);
  pthread_mutexattr_destroy(&a);
}

static void rmutex_block(struct rmutex *m) { (void)pthread_mutex_lock(&m->lock); }
static void rmutex_unblock(struct rmutex *m) { (void)pthread_mutex_unlock(&m->lock); }

#define ASYNC_BLOCK(a) rmutex_block(&(a)->mutex)
#define ASYNC_UNBLOCK(a) rmutex_unblock(&(a)->mutex)

static _Atomic(struct ep *) g_ep;

static void connect_remote(struct ep *ep) {
  ASYNC_BLOCK(&ep->worker->async);
  ep->state++;
  ASYNC_UNBLOCK(&ep->worker->async);
}

static struct ep *ep_create(struct worker *w) {
  ASYNC_BLOCK(&w->async);
  struct ep *ep = calloc(1, sizeof *ep);
  ep->worker = w;
  atomic_store(&g_ep, ep);
  w->eps++;
  connect_remote(ep);
  ASYNC_UNBLOCK(&w->async);
  return ep;
}

static void key_release(int *obj) {
  struct worker *w = (struct worker *)((char *)obj - offsetof(struct worker, pool));
  ASYNC_BLOCK(&w->async);
  w->keys--;
  ASYNC_UNBLOCK(&w->async);
}

static void progress(struct ep *ep) {
  ASYNC_BLOCK(&ep->worker->async);
  ep->state++;
  key_release(&ep->worker->pool[0]);
  ASYNC_UNBLOCK(&ep->worker->async);
}

static void *creator(void *arg) {
  ep_create(arg);
  return NULL;
}

static void *progresser(void *arg) {
  (void)arg;
  struct ep *ep;
  while (!(ep = atomic_load(&g_ep)))
    ;
  progress(ep);
  return NULL;
}

int main(void) {
  static struct worker w;
  rmutex_init(&w.async.mutex);
  pthread_t a, b;
  pthread_create(&b, NULL, progresser, NULL);
  pthread_create(&a, NULL, creator, &w);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  free(atomic_load(&g_ep));
  return 0;
}
