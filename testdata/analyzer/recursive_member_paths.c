// Reference-counted owners that release each other, the way nfs-ganesha frees its state
// owners: dropping the last reference of an owner frees it, and freeing it drops the reference
// it holds to its related owner. Seen through the calls, drop_ref(o) takes `o->mu`,
// `o->related->mu`, `o->related->related->mu`, ...: a new lock at every round of the recursion,
// and every function above it (here a chain of 40 calls) learns each one anew. The analyzer
// follows such paths up to 8 members below a parameter and says on stderr that it cut the rest;
// it used to follow them for hours (nfs-ganesha's whole-program analysis never finished). The
// inversion between the registry's lock and an owner's lock is still found.
// (tests/analyzer/CMakeLists.txt gives this case a short TIMEOUT: the old analyzer exceeds it.)
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct owner {
  pthread_mutex_t mu;
  int refs;
  struct owner *related;
};

pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
struct owner *registry;

void drop_ref(struct owner *o);

void free_owner(struct owner *o) {
  if (o->related)
    drop_ref(o->related);
  free(o);
}

void drop_ref(struct owner *o) {
  pthread_mutex_lock(&o->mu);
  int last = --o->refs == 0;
  pthread_mutex_unlock(&o->mu);
  if (last)
    free_owner(o);
}

// the layers between a request and the release (40 of them)
#define LAYER(n, below) \
  static void layer##n(struct owner *o) { layer##below(o); }
static void layer0(struct owner *o) { drop_ref(o); }
LAYER(1, 0) LAYER(2, 1) LAYER(3, 2) LAYER(4, 3) LAYER(5, 4) LAYER(6, 5) LAYER(7, 6) LAYER(8, 7) LAYER(9, 8)
LAYER(10, 9) LAYER(11, 10) LAYER(12, 11) LAYER(13, 12) LAYER(14, 13) LAYER(15, 14) LAYER(16, 15) LAYER(17, 16)
LAYER(18, 17) LAYER(19, 18) LAYER(20, 19) LAYER(21, 20) LAYER(22, 21) LAYER(23, 22) LAYER(24, 23) LAYER(25, 24)
LAYER(26, 25) LAYER(27, 26) LAYER(28, 27) LAYER(29, 28) LAYER(30, 29) LAYER(31, 30) LAYER(32, 31) LAYER(33, 32)
LAYER(34, 33) LAYER(35, 34) LAYER(36, 35) LAYER(37, 36) LAYER(38, 37) LAYER(39, 38)

void *forget(void *arg) {
  pthread_mutex_lock(&registry_lock);  // EXPECT: lock-order-inversion registry_lock => owner::mu => registry_lock
  if (registry == arg)
    registry = NULL;
  layer39(arg);  // EXPECT: lock-order-inversion registry_lock => owner::mu => registry_lock
  pthread_mutex_unlock(&registry_lock);
  return NULL;
}

void *adopt(void *arg) {
  struct owner *o = arg;
  pthread_mutex_lock(&o->mu);  // EXPECT: lock-order-inversion registry_lock => owner::mu => registry_lock
  o->refs++;
  pthread_mutex_lock(&registry_lock);  // EXPECT: lock-order-inversion registry_lock => owner::mu => registry_lock
  registry = o;
  pthread_mutex_unlock(&registry_lock);
  pthread_mutex_unlock(&o->mu);
  return NULL;
}

int main(void) {
  struct owner *o = calloc(1, sizeof *o);
  pthread_mutex_init(&o->mu, NULL);
  o->refs = 2;
  pthread_t a, b;
  pthread_create(&a, NULL, forget, o);
  pthread_create(&b, NULL, adopt, o);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
