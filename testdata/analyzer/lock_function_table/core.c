// The event base's lock and the signal handler's lock, both taken through the table, in
// opposite orders by the loop and by the signal code: an inversion.
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

static struct event_base base;
static struct sig_info sig;

static void *loop(void *arg) {
  EVLOCK_LOCK(base.th_base_lock, 0);  // EXPECT-STATIC: lock-order-inversion event_base::th_base_lock => sig_info::sig_lock => event_base::th_base_lock
  EVLOCK_LOCK(sig.sig_lock, 0);       // EXPECT-STATIC: lock-order-inversion event_base::th_base_lock => sig_info::sig_lock => event_base::th_base_lock
  sig.npending = 0;
  EVLOCK_UNLOCK(sig.sig_lock, 0);
  base.nactive++;
  EVLOCK_UNLOCK(base.th_base_lock, 0);
  return arg;
}

static void *signal_thread(void *arg) {
  EVLOCK_LOCK(sig.sig_lock, 0);       // EXPECT-STATIC: lock-order-inversion event_base::th_base_lock => sig_info::sig_lock => event_base::th_base_lock
  EVLOCK_LOCK(base.th_base_lock, 0);  // EXPECT-STATIC: lock-order-inversion event_base::th_base_lock => sig_info::sig_lock => event_base::th_base_lock
  base.nactive--;
  EVLOCK_UNLOCK(base.th_base_lock, 0);
  EVLOCK_UNLOCK(sig.sig_lock, 0);
  return arg;
}

int main(void) {
  pthread_t a, b;
  use_pthreads();
  base.th_base_lock = lock_fns.alloc(0);
  sig.sig_lock = lock_fns.alloc(0);
  pthread_create(&a, 0, loop, 0);
  pthread_create(&b, 0, signal_thread, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
