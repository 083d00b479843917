// Locks taken through a method table that a library fills at run time (no initializer the
// analyzer can see): the config names the members as lock functions.
// STATIC-RUN: args="--config=%S/lockgraph.conf"
#include <pthread.h>

struct os_lock;
struct os_api {
  void (*acquire)(struct os_lock *l);
  void (*release)(struct os_lock *l);
};

extern const struct os_api *os;
extern struct os_lock *db_lock, *cache_lock;

static void *reader(void *p) {
  os->acquire(db_lock);     // EXPECT-STATIC: lock-order-inversion db_lock => cache_lock => db_lock
  os->acquire(cache_lock);  // EXPECT-STATIC: lock-order-inversion db_lock => cache_lock => db_lock
  os->release(cache_lock);
  os->release(db_lock);
  return p;
}

static void *writer(void *p) {
  os->acquire(cache_lock);  // EXPECT-STATIC: lock-order-inversion db_lock => cache_lock => db_lock
  os->acquire(db_lock);     // EXPECT-STATIC: lock-order-inversion db_lock => cache_lock => db_lock
  os->release(db_lock);
  os->release(cache_lock);
  return p;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&b, 0, writer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
