#include "topology.h"

static void scan_once(topology_t *topology) {
  tpld_modification tdmod;
  tdmod = tpld_modify_begin(topology);
  topology->scans++;
  tpld_modify_commit(tdmod);
}

void topology_do_blocking_scan(topology_t *topology) {
  tpld_modification tdmod = tpld_modify_begin(topology);
  tpld_modify_commit(tdmod);
  scan_once(topology);
  tdmod = tpld_modify_begin(topology);
  tpld_modify_commit(tdmod);
}

void *rtt_thread(void *arg) {
  topology_t *topology = arg;
  for (int i = 0; i < 100; i++) {
    tpld_modification tdmod = tpld_modify_begin(topology);
    if (tdmod.new_td) {
      topology->scans++;
      tpld_modify_commit(tdmod);
    } else {
      tpld_modify_drop(tdmod);
    }
  }
  topology_do_blocking_scan(topology);
  return 0;
}
