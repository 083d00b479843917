// STATIC-RUN:
// The twins of reentry_guard/: the guards are there, but the reentrancy level is dropped
// (post_reentrancy()) before the work done under prof_dump_mtx, and prof_lookup_global()
// clears `tdata->enq` while bt2gctx_mtx is still held (prof_data.c); log.c clears its flag
// before logging again, sets it on one path only, or calls a function that lowers it and
// does not raise it again. Each is a self-deadlock.
#include "prof.h"

static pthread_mutex_t prof_dump_mtx = PTHREAD_MUTEX_INITIALIZER;

void prof_dump(tsd_t *tsd) {
  pre_reentrancy(tsd);
  pthread_mutex_lock(&prof_dump_mtx);  // EXPECT-STATIC: lock-order-inversion bt2gctx_mtx => prof_dump_mtx => bt2gctx_mtx
  post_reentrancy(tsd);  // too early: prof_dump_mtx is still held
  prof_dump_impl(tsd);  // EXPECT-STATIC: self-deadlock prof_dump_mtx
  pthread_mutex_unlock(&prof_dump_mtx);
}
