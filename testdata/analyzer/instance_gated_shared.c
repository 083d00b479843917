// The twin of instance_gated.c with the "gate" taken for reading (a rwlock's read side):
// both calls get in at once, each holds one source's lock and waits for the other's. Still
// an instance-order-inversion.
// STATIC-RUN:
#include <pthread.h>

struct source {
  pthread_rwlock_t pending;
  int clients;
};

static pthread_rwlock_t move_clients_lock = PTHREAD_RWLOCK_INITIALIZER;
struct source radio = {PTHREAD_RWLOCK_INITIALIZER, 10}, fallback = {PTHREAD_RWLOCK_INITIALIZER, 0};

static void move_clients(struct source *from, struct source *to) {
  pthread_rwlock_rdlock(&move_clients_lock);
  pthread_rwlock_wrlock(&to->pending);    // EXPECT: instance-order-inversion source::pending
  pthread_rwlock_wrlock(&from->pending);  // EXPECT: instance-order-inversion source::pending
  to->clients += from->clients;
  from->clients = 0;
  pthread_rwlock_unlock(&from->pending);
  pthread_rwlock_unlock(&to->pending);
  pthread_rwlock_unlock(&move_clients_lock);
}

static void *admin_move(void *p) {
  (void)p;
  move_clients(&radio, &fallback);
  return 0;
}

static void *source_ended(void *p) {
  (void)p;
  move_clients(&fallback, &radio);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, admin_move, 0);
  pthread_create(&b, 0, source_ended, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
