// STATIC-RUN:
// The mongo-c-driver layout of handle_by_value.c: the handle functions in one TU, their
// callers (a scan and the RTT thread's loop) in another. Every begin is ended by a commit or
// a drop: no self-deadlock on tpld_modification_mtx.
#include "topology.h"

#include <stdlib.h>

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

void tpld_modify_drop(tpld_modification mod) {
  pthread_mutex_unlock(&mod.topology->tpld_modification_mtx);
  free(mod.new_td);
}

static topology_t topology = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, rtt_thread, &topology);
  pthread_create(&b, 0, rtt_thread, &topology);
  topology_do_blocking_scan(&topology);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
