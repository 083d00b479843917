#include <pthread.h>

struct tcb {
  pthread_mutex_t tcb_mtx;
  int assoc_id;
  int total_flight, retran_cnt;
  struct tcb *next;
};

struct inpcb {
  pthread_mutex_t inp_mtx;
  struct tcb *asocs;
};

extern struct inpcb endpoint;

// Returns the association with that id, locked when `want_lock` is set (usrsctp's
// sctp_findassociation_ep_asocid()).
struct tcb *find_assoc(struct inpcb *inp, int id, int want_lock);
