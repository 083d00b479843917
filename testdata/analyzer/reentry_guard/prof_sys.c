// STATIC-RUN:
// Re-entry guards and deferral flags stop a chain of calls made under a lock before it takes
// that lock again (jemalloc 5.3.0's profiler, its TUs as here; the twins, where the flag is
// reset before the call or not set on some path, are reentry_guard_broken/). No finding:
// * the reentrancy level: prof_dump() calls pre_reentrancy(tsd) (`++level`, through the
//   thread state's accessors) before taking prof_dump_mtx, and the way back to it,
//   prof_gdump(), starts with `if (tsd_reentrancy_level_get(tsd) > 0) return;`;
// * the deferral flag: prof_enter() sets `tdata->enq = true` (when the thread has a tdata)
//   and takes bt2gctx_mtx; prof_gdump() records `tdata->enq_gdump = true` and returns when
//   `tdata->enq` is set (prof.c, prof_data.c);
// * logging (log.c): `static __thread int in_log; if (in_log) return; in_log = 1;` before the
//   lock, and the error path under the lock logs again; a depth counted up and down again
//   by a callee is still set after it.
#include "prof.h"

static pthread_mutex_t prof_dump_mtx = PTHREAD_MUTEX_INITIALIZER;

void prof_dump(tsd_t *tsd) {
  pre_reentrancy(tsd);
  pthread_mutex_lock(&prof_dump_mtx);
  prof_dump_impl(tsd);
  pthread_mutex_unlock(&prof_dump_mtx);
  post_reentrancy(tsd);
}
