// STATIC-RUN:
// The lock handle of handle_by_value_crosstu/ (mongo-c-driver's mc_tpld_modify_begin() and
// _commit()), on an object whose instance is unknown: a client the pool hands out
// (`client = pool_pop()`, then `tdmod = tpld_modify_begin(client->topology)`). The commit of
// the handle releases the topology's mutex it took, so worker() holds nothing when it gives the
// client back to the pool (pool_push() takes pool_mu, then the topology's mutex): no
// self-deadlock and no inversion. The twin, handle_by_value_unknown_leaky/, gives the client
// back before it commits: reported.
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
  tpld_modification tdmod = tpld_modify_begin(c->topology);
  c->topology->scans++;
  tpld_modify_commit(tdmod);
  pthread_mutex_unlock(&pool_mu);
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
