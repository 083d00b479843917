// The twin of handle_by_value.c where the handle is not always given back: update() forgets
// modify_commit() on its fast path and begins again (a real self-deadlock on the topology's
// mutex), and retarget() points the copy's field at another lock before giving it back, so
// the unlock through it releases stats_lock, not cfg_lock, which it then takes again.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

typedef struct topology {
  pthread_mutex_t mod_mtx;
  int scans;
} topology_t;

typedef struct {
  void *new_td;
  topology_t *topology;
} tpld_modification;

static tpld_modification modify_begin(topology_t *t) {
  pthread_mutex_lock(&t->mod_mtx);
  return (tpld_modification){.new_td = malloc(16), .topology = t};
}

static void modify_commit(tpld_modification mod) {
  pthread_mutex_unlock(&mod.topology->mod_mtx);
  free(mod.new_td);
}

static void update(topology_t *t, int fast) {
  tpld_modification m = modify_begin(t);
  if (fast)
    t->scans++;  // the commit is missing here
  else
    modify_commit(m);
  m = modify_begin(t);  // EXPECT-STATIC: self-deadlock topology::mod_mtx
  modify_commit(m);
}

struct held {
  pthread_mutex_t *m;
};
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int cfg_version, stats;

static struct held held_lock(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  return (struct held){m};
}

static void held_unlock(struct held h) { pthread_mutex_unlock(h.m); }

static void retarget(void) {
  pthread_mutex_lock(&stats_lock);
  struct held h = held_lock(&cfg_lock);
  cfg_version++;
  h.m = &stats_lock;
  stats++;
  held_unlock(h);
  pthread_mutex_lock(&cfg_lock);  // EXPECT-STATIC: self-deadlock cfg_lock
  pthread_mutex_unlock(&cfg_lock);
  pthread_mutex_unlock(&cfg_lock);
}

static topology_t topo = {PTHREAD_MUTEX_INITIALIZER, 0};

static void *worker(void *arg) {
  update(&topo, topo.scans & 1);
  retarget();
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
