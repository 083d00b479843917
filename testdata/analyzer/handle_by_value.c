// A lock handle returned by value (mongo-c-driver's mc_tpld_modify_begin()): the begin call
// locks the topology's mutex and returns a struct whose field points to the topology; commit
// and drop take that struct by value and unlock `mod.topology->mod_mtx`. Every begin here is
// ended by a commit or a drop (on both branches of the loop in worker()) before the next
// one, so scan_once() holds nothing when it returns and do_blocking_scan() takes the mutex
// only once at a time: no self-deadlock. Also a handle whose field is the mutex pointer
// itself, released directly through the copy (`pthread_mutex_unlock(g.m)`) and by a function
// given the copy, and one filled in place.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

typedef struct topology {
  pthread_mutex_t mod_mtx;
  void *td;
  int scans;
} topology_t;

typedef struct {
  void *new_td;
  topology_t *topology;
} tpld_modification;

static tpld_modification modify_begin(topology_t *t) {
  void *td;
  pthread_mutex_lock(&t->mod_mtx);
  td = malloc(16);
  return (tpld_modification){
      .new_td = td,
      .topology = t,
  };
}

static void modify_commit(tpld_modification mod) {
  free(mod.topology->td);
  mod.topology->td = mod.new_td;
  pthread_mutex_unlock(&mod.topology->mod_mtx);
}

static void modify_drop(tpld_modification mod) {
  pthread_mutex_unlock(&mod.topology->mod_mtx);
  free(mod.new_td);
}

static void scan_once(topology_t *t) {
  tpld_modification tdmod;
  tdmod = modify_begin(t);
  t->scans++;
  modify_commit(tdmod);
}

static void do_blocking_scan(topology_t *t) {
  scan_once(t);
  tpld_modification tdmod = modify_begin(t);
  if (t->scans > 3)
    modify_drop(tdmod);
  else
    modify_commit(tdmod);
  scan_once(t);
}

static topology_t topo = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

// the handle holds the mutex pointer itself
struct held {
  pthread_mutex_t *m;
  int depth;
};
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static int cfg_version;

static struct held held_lock(pthread_mutex_t *m) {
  struct held h = {m, 1};
  pthread_mutex_lock(m);
  return h;
}

static void held_unlock(struct held h) { pthread_mutex_unlock(h.m); }

static void bump_config(void) {
  for (int i = 0; i < 3; i++) {
    struct held h = held_lock(&cfg_lock);
    cfg_version++;
    if (i & 1)
      held_unlock(h);
    else
      pthread_mutex_unlock(h.m);
  }
  struct held g;
  g.m = &cfg_lock;
  g.depth = 0;
  pthread_mutex_lock(g.m);
  cfg_version++;
  held_unlock(g);
}

static void *worker(void *arg) {
  for (int i = 0; i < 10; i++) {
    tpld_modification m = modify_begin(&topo);
    if (m.new_td) {
      topo.scans++;
      modify_commit(m);
    } else {
      modify_drop(m);
    }
  }
  do_blocking_scan(&topo);
  bump_config();
  bump_config();
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
