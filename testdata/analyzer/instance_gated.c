// icecast2's source_move_clients(source, dest): the two sources' tree locks are taken in
// argument order, but only under one global mutex (`move_clients_mutex`) held across both:
// two calls with the arguments swapped cannot each hold one instance and wait for the
// other, since both would hold the global mutex at once. No instance-order-inversion
// (instance_gated_shared.c: a gate held only for reading still lets both in).
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>

struct source {
  pthread_rwlock_t pending;
  int clients;
};

static pthread_mutex_t move_clients_mutex = PTHREAD_MUTEX_INITIALIZER;
struct source radio = {PTHREAD_RWLOCK_INITIALIZER, 10}, fallback = {PTHREAD_RWLOCK_INITIALIZER, 0};

static void move_clients(struct source *from, struct source *to) {
  pthread_mutex_lock(&move_clients_mutex);
  pthread_rwlock_wrlock(&to->pending);
  pthread_rwlock_wrlock(&from->pending);
  to->clients += from->clients;
  from->clients = 0;
  pthread_rwlock_unlock(&from->pending);
  pthread_rwlock_unlock(&to->pending);
  pthread_mutex_unlock(&move_clients_mutex);
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
