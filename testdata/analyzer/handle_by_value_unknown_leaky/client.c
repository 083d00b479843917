#include "topology.h"

void *worker_leaky(void *arg) {
  client_t *client;
  tpld_modification tdmod;
  (void)arg;
  client = pool_pop();
  tdmod = tpld_modify_begin(client->topology);
  client->topology->scans++;
  pool_push(client);  // EXPECT-STATIC: self-deadlock
  tpld_modify_commit(tdmod);
  return 0;
}
