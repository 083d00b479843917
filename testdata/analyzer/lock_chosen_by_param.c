// A lock the callee chooses by a parameter: sg3-utils' sgh_dd worker takes out_mutex and calls
// sg_out_wr_cmd(rep, /*is_wr2=*/false), or takes out2_mutex and calls it with true; the callee
// picks its lock as `pthread_mutex_t *mutexp = is_wr2 ? &clp->out2_mutex : &clp->out_mutex;`,
// drops it around the I/O, takes it back for a retry, and releases it for good. Each call
// releases the lock its caller took, so the worker's next pass takes out_mutex afresh: no
// self-deadlock. The twin (bad_worker) passes the flag that names the other lock: the callee
// releases out2_mutex, never held there, and out_mutex stays held into the next pass.
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>

struct coll {
  pthread_mutex_t out_mutex, out2_mutex;
  int out_count, out2_count;
};

struct rq {
  struct coll *clp;
  int blocks;
};

extern int start_io(struct rq *rep, bool wr2);
extern int finish_io(struct rq *rep);

/* Enters holding the lock is_wr2 selects; returns having released it. */
static void out_wr_cmd(struct rq *rep, bool is_wr2) {
  struct coll *clp = rep->clp;
  pthread_mutex_t *mutexp = is_wr2 ? &clp->out2_mutex : &clp->out_mutex;
  for (;;) {
    if (start_io(rep, is_wr2) < 0) {
      pthread_mutex_unlock(mutexp);
      return;
    }
    pthread_mutex_unlock(mutexp);
    if (finish_io(rep) != 1)
      break;
    pthread_mutex_lock(mutexp);  // retry: the lock back for balance
  }
  if (!is_wr2) {
    pthread_mutex_lock(mutexp);
    clp->out_count -= rep->blocks;
    pthread_mutex_unlock(mutexp);
  }
}

static void *worker(void *arg) {
  struct rq *rep = arg;
  struct coll *clp = rep->clp;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&clp->out_mutex);
    out_wr_cmd(rep, false);
    pthread_mutex_lock(&clp->out2_mutex);
    out_wr_cmd(rep, true);
  }
  return NULL;
}

static void *bad_worker(void *arg) {
  struct rq *rep = arg;
  struct coll *clp = rep->clp;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&clp->out_mutex);  // EXPECT-STATIC: self-deadlock rq::clp.out_mutex
    out_wr_cmd(rep, true);
  }
  return NULL;
}

int start_workers(struct rq *reps, int n) {
  pthread_t t[16], bad;
  for (int i = 1; i < n && i < 16; i++)
    pthread_create(&t[i], NULL, worker, &reps[i]);
  pthread_create(&bad, NULL, bad_worker, &reps[0]);
  for (int i = 1; i < n && i < 16; i++)
    pthread_join(t[i], NULL);
  pthread_join(bad, NULL);
  return 0;
}
