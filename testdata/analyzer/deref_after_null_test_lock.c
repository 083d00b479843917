// usrsctp 0.9.5's sctp_timeout_handler(): a timer belongs to an association (`stcb`), or only to
// an endpoint (`inp`). The handler takes the association's lock when it has one, else the
// endpoint's (`if (stcb) SCTP_TCB_LOCK(stcb); else if (inp) SCTP_INP_WLOCK(inp);`), and then, in
// the timer types that have an association, reads through `stcb` and calls
// sctp_mark_all_for_resend(), which updates the association's counters and needs its lock. A path
// on which `stcb` is null does not get past the read through it, so every path that reaches the
// call holds `stcb->tcb_mtx`: no unlocked read-modify-write. (A null pointer read through has
// no meaning in C.) Clean.
// (deref_after_flag_test_lock.c: a lock taken under a test of something else is reported.)
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

enum { TIMER_SEND, TIMER_INPKILL };

struct inpcb {
  pthread_mutex_t inp_mtx;
  int kills;
};
struct tcb {
  pthread_mutex_t tcb_mtx;
  struct inpcb *ep;
  int total_flight, retran_cnt, timodata;
};

static struct inpcb ep = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct tcb assoc = {PTHREAD_MUTEX_INITIALIZER, &ep, 0, 0, 0};
static struct tcb *volatile cur_tcb = &assoc;  // the association the timer fires for, if any

// callers hold stcb->tcb_mtx
static void mark_all_for_resend(struct tcb *stcb) {
  stcb->total_flight -= 1;
  stcb->retran_cnt++;
}

static void timeout_handler(struct tcb *stcb, struct inpcb *inp, int type) {
  if (stcb)
    pthread_mutex_lock(&stcb->tcb_mtx);
  else if (inp)
    pthread_mutex_lock(&inp->inp_mtx);
  switch (type) {
  case TIMER_SEND:
    stcb->timodata++;
    mark_all_for_resend(stcb);
    break;
  case TIMER_INPKILL:
    inp->kills++;
    break;
  }
  if (stcb)
    pthread_mutex_unlock(&stcb->tcb_mtx);
  else if (inp)
    pthread_mutex_unlock(&inp->inp_mtx);
}

static void *timer_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    timeout_handler(cur_tcb, &ep, i % 2);
  return NULL;
}

static void handle_sack(struct tcb *stcb, int acked) {
  pthread_mutex_lock(&stcb->tcb_mtx);
  stcb->total_flight -= acked;
  stcb->retran_cnt = 0;
  pthread_mutex_unlock(&stcb->tcb_mtx);
}

static void *recv_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    handle_sack(&assoc, 1);
  return NULL;
}

int main(void) {
  pthread_t t, r;
  pthread_create(&t, NULL, timer_thread, NULL);
  pthread_create(&r, NULL, recv_thread, NULL);
  pthread_join(t, NULL);
  pthread_join(r, NULL);
  return 0;
}
