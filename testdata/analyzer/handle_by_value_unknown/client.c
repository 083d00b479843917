#include "topology.h"

void *worker(void *arg) {
  client_t *client;
  tpld_modification tdmod;
  (void)arg;
  client = pool_pop();
  tdmod = tpld_modify_begin(client->topology);
  client->topology->scans++;
  tpld_modify_commit(tdmod);
  pool_push(client);
  return 0;
}

