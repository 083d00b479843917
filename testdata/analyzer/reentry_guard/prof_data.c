// jemalloc's prof_enter()/prof_leave() (src/prof_data.c): `tdata->enq` is set while
// bt2gctx_mtx is held; an allocation or a free under it (decay) reaches prof_gdump(), which
// only records that a dump is due.
#include "prof.h"

static pthread_mutex_t bt2gctx_mtx = PTHREAD_MUTEX_INITIALIZER;

static void prof_enter(tsd_t *tsd, tdata_t *tdata) {
  if (tdata != NULL)
    tdata->enq = true;
  pthread_mutex_lock(&bt2gctx_mtx);
}

static void prof_leave(tsd_t *tsd, tdata_t *tdata) {
  pthread_mutex_unlock(&bt2gctx_mtx);
  if (tdata != NULL) {
    bool gdump = tdata->enq_gdump;
    tdata->enq = false;
    tdata->enq_gdump = false;
    if (gdump)
      prof_gdump(tsd);
  }
}

void prof_dump_impl(tsd_t *tsd) {
  tdata_t *tdata = tdata_get(tsd);
  prof_enter(tsd, tdata);
  extent_gdump_add(tsd);  // frees a table: decay
  prof_leave(tsd, tdata);
}

void prof_lookup_global(tsd_t *tsd, tdata_t *tdata) {
  prof_enter(tsd, tdata);
  extent_gdump_add(tsd);  // a new gctx: allocation, decay
  prof_leave(tsd, tdata);
}
