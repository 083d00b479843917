#include <pthread.h>

typedef struct topology {
  pthread_mutex_t tpld_modification_mtx;
  void *td;
  int scans;
} topology_t;

typedef struct {
  void *new_td;
  topology_t *topology;
} tpld_modification;

tpld_modification tpld_modify_begin(topology_t *t);
void tpld_modify_commit(tpld_modification mod);
void tpld_modify_drop(tpld_modification mod);
void topology_do_blocking_scan(topology_t *t);
void *rtt_thread(void *arg);
