// STATIC-RUN:
// The twins of reentry_guard.c: the re-entry guard is there, but the flag is reset before the
// call made under the lock, or not set on some path to it, so the chain does take the lock
// again. Each is a self-deadlock.
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

// ---- logging: the flag cleared before the error path ----
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
  pthread_mutex_lock(&log_mu);  // EXPECT-STATIC: self-deadlock log_mu
  in_log = 0;
  if (!log_file || fputs(m, log_file) < 0)
    log_reopen();
  pthread_mutex_unlock(&log_mu);
}

// ---- the flag set on one path only ----
static pthread_mutex_t audit_mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int in_audit;

void audit(int quiet);

static void audit_flush(void) { audit(0); }

void audit(int quiet) {
  if (in_audit)
    return;
  if (quiet)
    in_audit = 1;
  pthread_mutex_lock(&audit_mu);  // EXPECT-STATIC: self-deadlock audit_mu
  audit_flush();
  pthread_mutex_unlock(&audit_mu);
  in_audit = 0;
}

// ---- the thread's state, read and written through accessors ----
typedef struct tdata_s {
  bool enq;
  bool enq_gdump;
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
  if (tsd_reentrancy_level_get(tsd) > 0)
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

static void extent_gdump_add(tsd_t *tsd) { prof_gdump(tsd); }

static void prof_enter(tsd_t *tsd, tdata_t *tdata) {
  if (tdata != NULL)
    tdata->enq = true;
  pthread_mutex_lock(&bt2gctx_mtx);  // EXPECT-STATIC: self-deadlock bt2gctx_mtx
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
  prof_leave(tsd, tdata);
}

// the level dropped (post_reentrancy) before the work done under the lock
static void prof_dump(tsd_t *tsd) {
  pre_reentrancy(tsd);
  pthread_mutex_lock(&prof_dump_mtx);  // EXPECT-STATIC: self-deadlock prof_dump_mtx
  post_reentrancy(tsd);
  extent_gdump_add(tsd);
  prof_dump_impl(tsd);
  pthread_mutex_unlock(&prof_dump_mtx);
}

// enq cleared while bt2gctx_mtx is still held
void prof_lookup_global(tsd_t *tsd, tdata_t *tdata) {
  prof_enter(tsd, tdata);
  if (tdata != NULL)
    tdata->enq = false;
  extent_gdump_add(tsd);
  prof_leave(tsd, tdata);
}
