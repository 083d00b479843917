// One edge that closes several cycles is one finding (slurmctld: the federation lock held by
// fed_mgr_init() into a chain of calls that takes the job lock, while two other paths take the
// job lock first and, once they have handed it over for the node lock or the partition lock, reach
// the federation lock under that one).
// Each edge's shortest cycle used to be a finding of its own: two findings, both needing the
// same order fed_lock => job_lock, right or wrong one thing to look at and one order to change.
// The shortest cycle is the finding; the other is named in it ("also_cycles" in JSON) with
// its notes. Cycles that share no edge (a_lock/b_lock and c_lock/d_lock) stay apart.
// STATIC-RUN: findings=3
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t fed_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t job_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t node_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t part_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t d_lock = PTHREAD_MUTEX_INITIALIZER;
static int jobs, nodes, parts, fed_jobs, as, cs;

static void split_job(void) {
  pthread_mutex_lock(&job_lock);  // EXPECT-STATIC: lock-order-inversion fed_lock => job_lock => node_lock => fed_lock
  jobs++;
  pthread_mutex_unlock(&job_lock);
}

static void *fed_thread(void *arg) {
  (void)arg;
  pthread_mutex_lock(&fed_lock);  // EXPECT-STATIC: lock-order-inversion fed_lock => job_lock => part_lock => fed_lock
  fed_jobs++;
  split_job();
  pthread_mutex_unlock(&fed_lock);
  return NULL;
}

static void add_fed_node(void) {
  pthread_mutex_lock(&fed_lock);  // EXPECT-STATIC: lock-order-inversion fed_lock => job_lock => node_lock => fed_lock
  fed_jobs++;
  pthread_mutex_unlock(&fed_lock);
}

static void *node_thread(void *arg) {
  (void)arg;
  pthread_mutex_lock(&job_lock);
  pthread_mutex_lock(&node_lock);  // EXPECT-STATIC: lock-order-inversion fed_lock => job_lock => node_lock => fed_lock
  pthread_mutex_unlock(&job_lock);
  nodes++;
  add_fed_node();
  pthread_mutex_unlock(&node_lock);
  return NULL;
}

static void *part_thread(void *arg) {
  (void)arg;
  pthread_mutex_lock(&job_lock);
  pthread_mutex_lock(&part_lock);  // EXPECT-STATIC: lock-order-inversion fed_lock => job_lock => part_lock => fed_lock
  pthread_mutex_unlock(&job_lock);
  parts++;
  pthread_mutex_lock(&fed_lock);  // EXPECT-STATIC: lock-order-inversion fed_lock => job_lock => part_lock => fed_lock
  fed_jobs++;
  pthread_mutex_unlock(&fed_lock);
  pthread_mutex_unlock(&part_lock);
  return NULL;
}

static void *ab_thread(void *arg) {
  (void)arg;
  pthread_mutex_lock(&a_lock);
  pthread_mutex_lock(&b_lock);  // EXPECT-STATIC: lock-order-inversion a_lock => b_lock => a_lock
  as++;
  pthread_mutex_unlock(&b_lock);
  pthread_mutex_unlock(&a_lock);
  pthread_mutex_lock(&c_lock);
  pthread_mutex_lock(&d_lock);  // EXPECT-STATIC: lock-order-inversion c_lock => d_lock => c_lock
  cs++;
  pthread_mutex_unlock(&d_lock);
  pthread_mutex_unlock(&c_lock);
  return NULL;
}

static void *ba_thread(void *arg) {
  (void)arg;
  pthread_mutex_lock(&b_lock);
  pthread_mutex_lock(&a_lock);  // EXPECT-STATIC: lock-order-inversion a_lock => b_lock => a_lock
  as++;
  pthread_mutex_unlock(&a_lock);
  pthread_mutex_unlock(&b_lock);
  pthread_mutex_lock(&d_lock);
  pthread_mutex_lock(&c_lock);  // EXPECT-STATIC: lock-order-inversion c_lock => d_lock => c_lock
  cs++;
  pthread_mutex_unlock(&c_lock);
  pthread_mutex_unlock(&d_lock);
  return NULL;
}

int main(void) {
  void *(*fns[])(void *) = {fed_thread, node_thread, part_thread, ab_thread, ba_thread};
  pthread_t t[5];
  for (int i = 0; i < 5; i++)
    pthread_create(&t[i], NULL, fns[i], NULL);
  for (int i = 0; i < 5; i++)
    pthread_join(t[i], NULL);
  return 0;
}
