// STATIC-RUN:
// Each request thread takes the levels it needs. The job and node counters are only changed
// under their entity's write lock, whichever way the levels are written (designated, in
// order, through a helper that runs under the caller's locks), and the configuration's
// generation under the conf write lock, still held after another level set is given back
// (unlock_ctl() in locks.c releases only what its levels name): nothing to report there.
// Two things are wrong and reported: the cancel counter is bumped after the locks are given
// back (slurm's real `slurmctld_diag_stats.jobs_canceled++` after unlock_slurmctld()), and
// the drain request takes the job lock while it holds the node lock, against the order
// lock_ctl() keeps (job before node).
#include <stddef.h>

#include "locks.h"

int job_count, node_count, jobs_canceled;
static int conf_generation;

static void purge_job(void) { job_count--; }  // callers hold the job write lock

static void *rpc_submit(void *arg) {
  (void)arg;
  ctl_lock_t job_write_lock = { .conf = READ_LOCK, .job = WRITE_LOCK };
  lock_ctl(job_write_lock);
  job_count++;
  unlock_ctl(job_write_lock);
  return NULL;
}

static void *rpc_kill(void *arg) {
  (void)arg;
  ctl_lock_t job_write_lock = { .job = WRITE_LOCK };
  lock_ctl(job_write_lock);
  purge_job();
  unlock_ctl(job_write_lock);
  jobs_canceled++;  // EXPECT: unlocked-rmw jobs_canceled
  return NULL;
}

static void *rpc_cancel(void *arg) {
  (void)arg;
  ctl_lock_t lock = { READ_LOCK, WRITE_LOCK, NO_LOCK };
  lock_ctl(lock);
  purge_job();
  unlock_ctl(lock);
  jobs_canceled++;  // EXPECT: unlocked-rmw jobs_canceled
  return NULL;
}

static void *rpc_register_node(void *arg) {
  (void)arg;
  ctl_lock_t node_write_lock = { .job = READ_LOCK, .node = WRITE_LOCK };
  lock_ctl(node_write_lock);
  node_count++;
  unlock_ctl(node_write_lock);
  return NULL;
}

static void *rpc_drain_node(void *arg) {
  (void)arg;
  ctl_lock_t node_write_lock = { .node = WRITE_LOCK };
  ctl_lock_t job_write_lock = { .job = WRITE_LOCK };
  lock_ctl(node_write_lock);
  node_count--;
  lock_ctl(job_write_lock);  // EXPECT: lock-order-inversion ctl_locks[JOB_LOCK] => ctl_locks[NODE_LOCK] => ctl_locks[JOB_LOCK]
  job_count--;
  unlock_ctl(job_write_lock);
  unlock_ctl(node_write_lock);
  return NULL;
}

static void *rpc_reconfigure(void *arg) {
  (void)arg;
  ctl_lock_t conf_write_lock = { .conf = WRITE_LOCK };
  ctl_lock_t job_read_lock = { .job = READ_LOCK };
  lock_ctl(conf_write_lock);
  lock_ctl(job_read_lock);
  int jobs = job_count;
  unlock_ctl(job_read_lock);
  conf_generation += jobs > 0;
  unlock_ctl(conf_write_lock);
  return NULL;
}

static void *rpc_set_debug(void *arg) {
  (void)arg;
  ctl_lock_t config_write_lock = { WRITE_LOCK, NO_LOCK, NO_LOCK };
  lock_ctl(config_write_lock);
  conf_generation++;
  unlock_ctl(config_write_lock);
  return NULL;
}

int main(void) {
  pthread_t t[7];
  pthread_create(&t[0], NULL, rpc_submit, NULL);
  pthread_create(&t[1], NULL, rpc_kill, NULL);
  pthread_create(&t[2], NULL, rpc_cancel, NULL);
  pthread_create(&t[3], NULL, rpc_register_node, NULL);
  pthread_create(&t[4], NULL, rpc_drain_node, NULL);
  pthread_create(&t[5], NULL, rpc_reconfigure, NULL);
  pthread_create(&t[6], NULL, rpc_set_debug, NULL);
  for (int i = 0; i < 7; i++)
    pthread_join(t[i], NULL);
  return 0;
}
