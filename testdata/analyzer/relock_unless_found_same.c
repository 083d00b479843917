// usrsctp's sctp_findassociation_ep_addr(..., locked_tcb) shape: find_assoc() gives back the
// association lock its caller holds (`locked`) while it takes the endpoint's, and takes it again
// before it returns the association it found locked, unless that is the same one (`locked != t`):
// then it holds it as `t`. On every way out the caller's lock is held again. The receiver holds
// its association's lock (as `(*stcb)->m`) across load_addresses(), which frees another
// association: free_assoc() takes the endpoint's lock while the receiver's association lock is
// held, against find_assoc()'s endpoint-then-association order: a real lock-order inversion (two
// receivers on two associations of one endpoint deadlock). It must stay reported however the
// release and retake of `locked`, and the call through `*stcb`, are modelled.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>
struct inp { pthread_mutex_t m; struct tcb *first; int n; };
struct tcb { pthread_mutex_t m; int x; struct tcb *next; struct inp *ep; };

struct tcb *find_assoc(struct inp *inp, int key, struct tcb *locked) {
  struct tcb *t;
  if (locked)
    pthread_mutex_unlock(&locked->m);
  pthread_mutex_lock(&inp->m);
  for (t = inp->first; t; t = t->next) {
    pthread_mutex_lock(&t->m);
    if (t->x == key) {
      if (locked != NULL && locked != t)
        pthread_mutex_lock(&locked->m);
      pthread_mutex_unlock(&inp->m);
      return t;
    }
    pthread_mutex_unlock(&t->m);
  }
  if (locked)
    pthread_mutex_lock(&locked->m);  // EXPECT: lock-order-inversion inp::m => tcb::m => inp::m
  pthread_mutex_unlock(&inp->m);
  return NULL;
}

static void free_assoc(struct inp *ep, struct tcb *t) {
  pthread_mutex_lock(&ep->m);
  pthread_mutex_lock(&t->m);
  ep->n--;
  pthread_mutex_unlock(&ep->m);
  pthread_mutex_unlock(&t->m);
}

static void load_addresses(struct inp *ep, struct tcb *stcb, int key) {
  struct tcb *other;
  stcb->x++;
  other = find_assoc(ep, key, stcb);
  if (other != NULL && other != stcb) {
    pthread_mutex_unlock(&other->m);
    free_assoc(ep, other);
  }
  stcb->x++;
}

static void cookie_existing(struct inp *ep, struct tcb **stcb, int key) {
  pthread_mutex_lock(&(*stcb)->m);
  load_addresses(ep, *stcb, key);
  pthread_mutex_unlock(&(*stcb)->m);
}

static struct inp I;
static struct tcb T = {PTHREAD_MUTEX_INITIALIZER, 0, NULL, &I};
static struct tcb *current = &T;

static void *receiver(void *p) { cookie_existing(&I, &current, 2); return p; }
static void *sender(void *p) {
  struct tcb *t = find_assoc(&I, 1, NULL);
  if (t) { t->x = 5; pthread_mutex_unlock(&t->m); }
  return p;
}
int main(void) {
  pthread_t a, b;
  pthread_mutex_init(&I.m, NULL);
  I.first = &T;
  pthread_create(&a, 0, receiver, 0); pthread_create(&b, 0, sender, 0);
  pthread_join(a, 0); pthread_join(b, 0);
  return 0;
}
