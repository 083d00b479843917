// A callee given its caller's locked object through an expression no name reaches: the accept
// path holds the association's lock as `(*assoc)->mu` and calls move_assoc(ep, *assoc), which
// keeps it and takes the endpoint's lock under it, while connect_assoc() takes the endpoint's
// lock, then the association's: a lock-order inversion (usrsctp's shape, whose
// sctp_move_pcb_and_assoc(..., *stcb) gives the association's lock up first). A release through
// such an argument must not be guessed into hiding it.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct endpoint {
  pthread_mutex_t mu;
  int moved;
};

struct assoc {
  pthread_mutex_t mu;
  int state;
};

static void move_assoc(struct endpoint *ep, struct assoc *as) {
  pthread_mutex_lock(&ep->mu);
  as->state = 4;
  ep->moved++;
  pthread_mutex_unlock(&ep->mu);
}

static void accept_assoc(struct endpoint *ep, struct assoc **assoc) {
  pthread_mutex_lock(&(*assoc)->mu);
  (*assoc)->state = 1;
  move_assoc(ep, *assoc);  // EXPECT: lock-order-inversion assoc::mu => endpoint::mu => assoc::mu
  (*assoc)->state = 2;
  pthread_mutex_unlock(&(*assoc)->mu);
}

static void connect_assoc(struct endpoint *ep, struct assoc *as) {
  pthread_mutex_lock(&ep->mu);
  pthread_mutex_lock(&as->mu);
  as->state = 3;
  pthread_mutex_unlock(&as->mu);
  pthread_mutex_unlock(&ep->mu);
}

static struct endpoint the_ep = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct assoc the_assoc = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct assoc *current = &the_assoc;

static void *receiver(void *arg) {
  accept_assoc(&the_ep, &current);
  return arg;
}

static void *sender(void *arg) {
  connect_assoc(&the_ep, &the_assoc);
  return arg;
}

int main(void) {
  pthread_t r, s;
  pthread_create(&r, NULL, receiver, NULL);
  pthread_create(&s, NULL, sender, NULL);
  pthread_join(r, NULL);
  pthread_join(s, NULL);
  return 0;
}
