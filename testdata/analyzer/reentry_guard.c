// STATIC-RUN:
// Re-entry guards and deferral flags stop a chain of calls made under a lock before it takes
// that lock again; the twins, where the flag is reset before the call or not set on some
// path, are reentry_guard_broken.c. No self-deadlock here:
// * logging: `static __thread int in_log; if (in_log) return; in_log = 1;` before the lock,
//   and the error path under the lock logs again;
// * jemalloc's reentrancy level: prof_dump() calls pre_reentrancy(tsd) (`++level`, through
//   accessors of the thread's state) before taking prof_dump_mtx, and the way back to it,
//   prof_gdump(), starts with `if (tsd_reentrancy_level_get(tsd) > 0) return;`;
// * jemalloc's deferral flag: prof_enter() sets `tdata->enq = true` (when the thread has a
//   tdata) and takes bt2gctx_mtx; prof_gdump() records `tdata->enq_gdump = true` and returns
//   when `tdata->enq` is set, and prof_leave() runs the deferred dump after the unlock.
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

// ---- logging ----
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int in_log;
static FILE *log_file;

void log_msg(const char *m);

static void log_reopen(void) {
  log_file = fopen("/tmp/log", "a");
  if (!log_file)
    log_msg("cannot reopen the log");
}

void log_msg(const char *m) {
  if (in_log)
    return;
  in_log = 1;
  pthread_mutex_lock(&log_mu);
  if (!log_file || fputs(m, log_file) < 0)
    log_reopen();
  pthread_mutex_unlock(&log_mu);
  in_log = 0;
}

// ---- the thread's state, read and written through accessors ----
typedef struct tdata_s {
  bool enq;
  bool enq_gdump;
  int dumps;
} tdata_t;

typedef struct tsd_s {
  int reentrancy_level;
  tdata_t *tdata;
} tsd_t;

static inline int *tsd_reentrancy_levelp_get(tsd_t *tsd) { return &tsd->reentrancy_level; }
static inline int tsd_reentrancy_level_get(tsd_t *tsd) { return *tsd_reentrancy_levelp_get(tsd); }
static inline tdata_t *tdata_get(tsd_t *tsd) { return tsd->tdata; }

static inline void pre_reentrancy(tsd_t *tsd) { ++*tsd_reentrancy_levelp_get(tsd); }
static inline void post_reentrancy(tsd_t *tsd) { --*tsd_reentrancy_levelp_get(tsd); }

static pthread_mutex_t prof_dump_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t bt2gctx_mtx = PTHREAD_MUTEX_INITIALIZER;

static void prof_dump(tsd_t *tsd);

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

// decay: returning pages may raise the high-water mark, which dumps
static void extent_gdump_add(tsd_t *tsd) { prof_gdump(tsd); }

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

static void prof_dump_impl(tsd_t *tsd) {
  tdata_t *tdata = tdata_get(tsd);
  prof_enter(tsd, tdata);
  extent_gdump_add(tsd);  // frees a table: decay
  prof_leave(tsd, tdata);
}

static void prof_dump(tsd_t *tsd) {
  pre_reentrancy(tsd);
  pthread_mutex_lock(&prof_dump_mtx);
  prof_dump_impl(tsd);
  pthread_mutex_unlock(&prof_dump_mtx);
  post_reentrancy(tsd);
}

void prof_lookup_global(tsd_t *tsd, tdata_t *tdata) {
  prof_enter(tsd, tdata);
  extent_gdump_add(tsd);  // a new gctx: allocation, decay
  prof_leave(tsd, tdata);
}
