// The thread's state (jemalloc's tsd_t), read and written through accessors, and the
// profiler's functions, defined in prof.c, prof_data.c and prof_sys.c as jemalloc does.
#include <assert.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct tdata_s {
  bool enq;
  bool enq_gdump;
} tdata_t;

typedef struct tsd_s {
  int reentrancy_level;
  tdata_t *tdata;
} tsd_t;

static inline int *tsd_reentrancy_levelp_get_unsafe(tsd_t *tsd) { return &tsd->reentrancy_level; }
static inline int *tsd_reentrancy_levelp_get(tsd_t *tsd) {
  assert(tsd != NULL);
  return tsd_reentrancy_levelp_get_unsafe(tsd);
}
static inline int tsd_reentrancy_level_get(tsd_t *tsd) { return *tsd_reentrancy_levelp_get(tsd); }
static inline tdata_t *tdata_get(tsd_t *tsd) { return tsd->tdata; }

static inline void pre_reentrancy(tsd_t *tsd) { ++*tsd_reentrancy_levelp_get(tsd); }
static inline void post_reentrancy(tsd_t *tsd) { --*tsd_reentrancy_levelp_get(tsd); }

void prof_gdump(tsd_t *tsd);             // prof.c
void prof_dump_impl(tsd_t *tsd);         // prof_data.c
void prof_lookup_global(tsd_t *tsd, tdata_t *tdata);
void prof_dump(tsd_t *tsd);              // prof_sys.c
void extent_gdump_add(tsd_t *tsd);       // extent.c
