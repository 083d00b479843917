// Lock functions named in a config file (os_lock/os_unlock are only declared here,
// their bodies live in a library the analyzer never sees).
// STATIC-RUN: args="--config=%S/lockgraph.conf"
#include <pthread.h>

typedef struct os_lock_s { int opaque; } os_lock_t;
void os_lock(os_lock_t *l);
void os_unlock(os_lock_t *l);

os_lock_t db_lock, cache_lock;
int stats_hits;

void *reader(void *p) {
  os_lock(&db_lock);     // EXPECT: lock-order-inversion db_lock => cache_lock => db_lock
  os_lock(&cache_lock);  // EXPECT: lock-order-inversion db_lock => cache_lock => db_lock
  stats_hits++;          // suppressed by the config file
  os_unlock(&cache_lock);
  os_unlock(&db_lock);
  return p;
}

void *writer(void *p) {
  os_lock(&cache_lock);  // EXPECT: lock-order-inversion db_lock => cache_lock => db_lock
  os_lock(&db_lock);     // EXPECT: lock-order-inversion db_lock => cache_lock => db_lock
  os_unlock(&db_lock);
  os_unlock(&cache_lock);
  return p;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&c, 0, reader, 0);
  pthread_create(&b, 0, writer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
