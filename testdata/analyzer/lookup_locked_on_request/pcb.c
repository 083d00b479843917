// usrsctp 0.9.5's association lookup: sctp_findasoc_ep_asocid_locked(inp, id, want_lock) walks the
// endpoint's list and returns the association it finds locked only `if (want_lock)`;
// sctp_findassociation_ep_asocid(inp, id, want_lock) wraps it in the endpoint's lock and passes its
// own `want_lock` on. The socket-option code in another TU (usrreq.c here) asks for it locked
// (`want_lock` 1) and updates the association's counters before it unlocks it. The wrapper's
// paths start apart on `want_lock`, so its summary takes the lock under the same condition, and
// the facts carry that condition to the other TU: the counters are updated under the
// association's lock there, as in the receive path. Clean.
// (lookup_locked_not_requested.c: a caller that passes 0 and updates them anyway is reported.)
// STATIC-RUN:
#include <stddef.h>

#include "assoc.h"

struct inpcb endpoint = {PTHREAD_MUTEX_INITIALIZER, NULL};

static struct tcb *find_assoc_locked(struct inpcb *inp, int id, int want_lock) {
  struct tcb *stcb;
  for (stcb = inp->asocs; stcb; stcb = stcb->next) {
    if (stcb->assoc_id == id) {
      if (want_lock)
        pthread_mutex_lock(&stcb->tcb_mtx);
      return stcb;
    }
  }
  return NULL;
}

struct tcb *find_assoc(struct inpcb *inp, int id, int want_lock) {
  struct tcb *stcb;
  pthread_mutex_lock(&inp->inp_mtx);
  stcb = find_assoc_locked(inp, id, want_lock);
  pthread_mutex_unlock(&inp->inp_mtx);
  return stcb;
}
