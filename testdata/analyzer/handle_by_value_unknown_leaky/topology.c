// STATIC-RUN:
// The twin of handle_by_value_unknown/: worker_leaky() gives the client back to the pool before
// it commits its handle, so the topology's mutex is still held: pool_push() takes it again (a
// self-deadlock), and pool_mu is taken under it there and over it in pool_push() (an
// inversion). Reported.
#include <stdlib.h>

#include "topology.h"

static topology_t topology = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
static client_t clients[2] = {{0, &topology}, {1, &topology}};
static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static int next_client;

tpld_modification tpld_modify_begin(topology_t *tpl) {
  void *new_td;
  pthread_mutex_lock(&tpl->tpld_modification_mtx);
  new_td = malloc(16);
  return (tpld_modification){
      .new_td = new_td,
      .topology = tpl,
  };
}

void tpld_modify_commit(tpld_modification mod) {
  void *old = mod.topology->td;
  mod.topology->td = mod.new_td;
  pthread_mutex_unlock(&mod.topology->tpld_modification_mtx);
  free(old);
}

client_t *pool_pop(void) {
  pthread_mutex_lock(&pool_mu);
  client_t *c = &clients[next_client++ % 2];
  pthread_mutex_unlock(&pool_mu);
  return c;
}

void pool_push(client_t *c) {
  pthread_mutex_lock(&pool_mu);
  tpld_modification tdmod = tpld_modify_begin(c->topology);  // EXPECT-STATIC: lock-order-inversion
  c->topology->scans++;
  tpld_modify_commit(tdmod);
  pthread_mutex_unlock(&pool_mu);
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker_leaky, 0);
  pthread_create(&b, 0, worker_leaky, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
