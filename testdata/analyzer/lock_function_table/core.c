// The event base's lock and the signal lock, both taken through the table, in opposite
// orders by the loop and by the signal thread: an inversion. The queue lock is taken in one
// order only (no finding), and `if (lockvar)` in EVLOCK_* is the same test at the lock and
// the unlock: after EVLOCK_UNLOCK the lock is not held. Calls through the callback table
// (event_ops::on_ready, filled with a function that locks inside) are no lock operations.
// STATIC-RUN:
#include "evthread.h"

struct event_base {
  void *th_base_lock;
  int nactive;
};

struct sig_info {
  void *sig_lock;
  int npending;
};

struct queue {
  void *q_lock;
  int len;
};

static struct event_base base;
static struct sig_info sig;
static struct queue q;

static void ready(void *arg) {
  EVLOCK_LOCK(q.q_lock, 0);
  q.len++;
  EVLOCK_UNLOCK(q.q_lock, 0);
  (void)arg;
}

static struct event_ops ops = {ready};

static void *loop(void *arg) {
  EVLOCK_LOCK(base.th_base_lock, 0);  // EXPECT-STATIC: lock-order-inversion base.th_base_lock => sig.sig_lock => base.th_base_lock
  EVLOCK_LOCK(sig.sig_lock, 0);       // EXPECT-STATIC: lock-order-inversion base.th_base_lock => sig.sig_lock => base.th_base_lock
  sig.npending = 0;
  EVLOCK_UNLOCK(sig.sig_lock, 0);
  base.nactive++;
  ops.on_ready(arg);
  EVLOCK_UNLOCK(base.th_base_lock, 0);
  EVLOCK_LOCK(q.q_lock, 0);
  q.len--;
  EVLOCK_UNLOCK(q.q_lock, 0);
  return arg;
}

static void *signal_thread(void *arg) {
  EVLOCK_LOCK(sig.sig_lock, 0);       // EXPECT-STATIC: lock-order-inversion base.th_base_lock => sig.sig_lock => base.th_base_lock
  EVLOCK_LOCK(base.th_base_lock, 0);  // EXPECT-STATIC: lock-order-inversion base.th_base_lock => sig.sig_lock => base.th_base_lock
  base.nactive--;
  EVLOCK_UNLOCK(base.th_base_lock, 0);
  EVLOCK_UNLOCK(sig.sig_lock, 0);
  EVLOCK_LOCK(q.q_lock, 0);
  EVLOCK_LOCK(base.th_base_lock, 0);
  q.len = base.nactive;
  EVLOCK_UNLOCK(base.th_base_lock, 0);
  EVLOCK_UNLOCK(q.q_lock, 0);
  return arg;
}

int main(void) {
  pthread_t a, b;
  use_pthreads();
  enable_lock_debugging();
  base.th_base_lock = lock_fns.alloc(0);
  sig.sig_lock = lock_fns.alloc(0);
  q.q_lock = lock_fns.alloc(0);
  pthread_create(&a, 0, loop, 0);
  pthread_create(&b, 0, signal_thread, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
