// STATIC-RUN:
#include <stddef.h>

#include "assoc.h"

static void handle_sack(struct tcb *stcb, int acked) {
  pthread_mutex_lock(&stcb->tcb_mtx);
  stcb->total_flight -= acked;
  stcb->retran_cnt = 0;
  pthread_mutex_unlock(&stcb->tcb_mtx);
}

// the socket-option path: callers of set_flight hold the association's lock
static void set_flight(struct tcb *stcb) {
  stcb->total_flight += 1;
  stcb->retran_cnt++;
}

static void setsockopt_flight(int id) {
  struct tcb *stcb = find_assoc(&endpoint, id, 1);
  if (stcb == NULL)
    return;
  set_flight(stcb);
  pthread_mutex_unlock(&stcb->tcb_mtx);
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
