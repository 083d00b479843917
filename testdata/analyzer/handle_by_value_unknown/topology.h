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

typedef struct client {
  int id;
  topology_t *topology;
} client_t;

tpld_modification tpld_modify_begin(topology_t *t);
void tpld_modify_commit(tpld_modification mod);
client_t *pool_pop(void);
void pool_push(client_t *c);
void *worker(void *arg);
