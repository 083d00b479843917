// jemalloc's prof_gdump() (src/prof.c): returns at once when the thread is re-entering the
// allocator (its reentrancy level is above 0), and defers the dump when the thread is inside
// prof_enter()/prof_leave() (`tdata->enq`): prof_leave() runs it after the unlock.
#include "prof.h"

void prof_gdump(tsd_t *tsd) {
  tdata_t *tdata;
  if (__builtin_expect(tsd_reentrancy_level_get(tsd) > 0, 0))
    return;
  tdata = tdata_get(tsd);
  if (tdata == NULL)
    return;
  if (tdata->enq) {
    tdata->enq_gdump = true;
    return;
  }
  prof_dump(tsd);
}
