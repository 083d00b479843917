// The twin of lookup_locked_on_request/: the socket-option path asks the lookup for the
// association without its lock (`want_lock` 0) and updates its counters anyway, racing the
// receive path's locked updates. Reported.
// STATIC-RUN:
#include <stddef.h>
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

static void handle_sack(struct tcb *stcb, int acked) {
  pthread_mutex_lock(&stcb->tcb_mtx);
  stcb->total_flight -= acked;
  stcb->retran_cnt = 0;
  pthread_mutex_unlock(&stcb->tcb_mtx);
}

// the socket-option path: callers of set_flight hold the association's lock
static void set_flight(struct tcb *stcb) {
  stcb->total_flight += 1;  // EXPECT: unlocked-rmw tcb::total_flight
  stcb->retran_cnt++;  // EXPECT: unlocked-rmw tcb::retran_cnt
}

static void setsockopt_flight(int id) {
  struct tcb *stcb = find_assoc(&endpoint, id, 0);  // not locked
  if (stcb == NULL)
    return;
  set_flight(stcb);
}

static void *app_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    setsockopt_flight(1);
  return NULL;
}

static void *recv_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    struct tcb *stcb = find_assoc(&endpoint, 1, 0);
    if (stcb)
      handle_sack(stcb, 1);
  }
  return NULL;
}

int main(void) {
  pthread_t a, r;
  pthread_create(&a, NULL, app_thread, NULL);
  pthread_create(&r, NULL, recv_thread, NULL);
  pthread_join(a, NULL);
  pthread_join(r, NULL);
  return 0;
}
