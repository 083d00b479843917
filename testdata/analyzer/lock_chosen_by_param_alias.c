// sgh_dd's worker as it is written: the callee reaches the lock its flag picks through the
// request (`rep->clp->out_mutex`, rep = &rel, rel.clp = clp), the worker took it as
// `clp->out_mutex` (clp = tip->gcp): two names of one field, `coll::out_mutex`. The callee's
// release gives back the lock the worker holds under the other name, and a test of the worker's
// own lock call's result later on does not bring it back. No self-deadlock on the next pass.
// The twin (bad_worker) passes the flag that names the other lock.
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

struct coll {
  pthread_mutex_t in_mutex, out_mutex, out2_mutex;
  int out_count, out2fd, stop;
};
typedef struct {
  struct coll *gcp;
  int id;
} Thread_info;
typedef struct {
  struct coll *clp;
  int blocks, id;
} Rq_elem;

extern int start_io(Rq_elem *rep, bool wr2);
extern int finish_io(Rq_elem *rep);

/* Enters holding the lock is_wr2 selects; returns having released it. */
static void out_wr_cmd(Rq_elem *rep, bool is_wr2, bool prefetch) {
  struct coll *clp = rep->clp;
  pthread_mutex_t *mutexp = is_wr2 ? &clp->out2_mutex : &clp->out_mutex;
  if (prefetch) {
    if (start_io(rep, is_wr2) < 0) {
      pthread_mutex_unlock(mutexp);
      return;
    }
    pthread_mutex_unlock(mutexp);
    finish_io(rep);
    pthread_mutex_lock(mutexp);
  }
  for (;;) {
    if (start_io(rep, is_wr2) < 0) {
      pthread_mutex_unlock(mutexp);
      return;
    }
    pthread_mutex_unlock(mutexp);
    if (finish_io(rep) != 1)
      break;
    pthread_mutex_lock(mutexp);
  }
  if (!is_wr2) {
    pthread_mutex_lock(mutexp);
    clp->out_count -= rep->blocks;
    pthread_mutex_unlock(mutexp);
  }
}

static void *worker(void *v_tip) {
  Thread_info *tip;
  struct coll *clp;
  Rq_elem rel;
  Rq_elem *rep = &rel;
  tip = (Thread_info *)v_tip;
  clp = tip->gcp;
  memset(rep, 0, sizeof(Rq_elem));
  rep->clp = clp;
  rep->id = tip->id;
  while (1) {
    pthread_mutex_lock(&clp->in_mutex);
    if (clp->stop) {
      pthread_mutex_unlock(&clp->in_mutex);
      break;
    }
    pthread_mutex_unlock(&clp->in_mutex);
    pthread_mutex_lock(&clp->out_mutex);
    out_wr_cmd(rep, false, clp->out_count > 3);
    if (clp->out2fd >= 0) {
      pthread_mutex_lock(&clp->out2_mutex);
      out_wr_cmd(rep, true, false);
    }
  }
  return 0;
}

static void *bad_worker(void *v_tip) {
  Thread_info *tip = v_tip;
  struct coll *clp = tip->gcp;
  Rq_elem rel;
  Rq_elem *rep = &rel;
  memset(rep, 0, sizeof(Rq_elem));
  rep->clp = clp;
  while (!clp->stop) {
    pthread_mutex_lock(&clp->out_mutex);  // EXPECT-STATIC: self-deadlock Thread_info::gcp.out_mutex
    out_wr_cmd(rep, true, false);
  }
  return 0;
}

int start(Thread_info *t, int n) {
  pthread_t h[8], bad;
  for (int i = 0; i < n && i < 8; i++)
    pthread_create(&h[i], 0, worker, &t[i]);
  pthread_create(&bad, 0, bad_worker, &t[0]);
  for (int i = 0; i < n && i < 8; i++)
    pthread_join(h[i], 0);
  pthread_join(bad, 0);
  return 0;
}
