// STATIC-RUN:
// knot's kxdpgun (utils/kxdpgun/main.c): each worker counts into `local_stats`, an automatic
// variable of its own frame, through check_dns_payload(..., &local_stats), and adds it to the
// global `global_stats` under its mutex. The unlocked updates through the parameter are to the
// worker's own copy: no unlocked-rmw of `stats_t::ans` there. Twins that are shared: a helper
// given the global (unlocked), and a frame's object handed to threads it starts.
#include <pthread.h>

typedef struct {
  pthread_mutex_t mutex;
  long ans;
  long size;
} stats_t;

stats_t global_stats = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void count_answer(stats_t *st, long n) {
  st->ans++;
  st->size += n;
}

static void collect(stats_t *into, const stats_t *what) {
  pthread_mutex_lock(&into->mutex);
  into->ans += what->ans;
  into->size += what->size;
  pthread_mutex_unlock(&into->mutex);
}

static void *worker(void *arg) {
  (void)arg;
  stats_t local_stats = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  for (long i = 0; i < 100; ++i) count_answer(&local_stats, i);
  collect(&global_stats, &local_stats);
  return NULL;
}

typedef struct {
  pthread_mutex_t mu;
  long done;
} job_t;

static void finish(job_t *j) {
  j->done++;  // EXPECT: unlocked-rmw job_t::done
}

static void *job_worker(void *arg) {
  job_t *j = arg;
  pthread_mutex_lock(&j->mu);
  j->done++;
  pthread_mutex_unlock(&j->mu);
  return NULL;
}

static void run_jobs(void) {
  job_t job = {PTHREAD_MUTEX_INITIALIZER, 0};  // on this frame, but handed to two threads
  pthread_t t[2];
  for (int i = 0; i < 2; ++i) pthread_create(&t[i], NULL, job_worker, &job);
  finish(&job);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
}

static void add_answer(stats_t *st) {
  st->ans++;  // EXPECT: unlocked-rmw stats_t::ans
}

static void *sloppy(void *arg) {
  (void)arg;
  add_answer(&global_stats);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 2; ++i) pthread_create(&t[i], NULL, worker, NULL);
  pthread_create(&t[2], NULL, sloppy, NULL);
  run_jobs();
  for (int i = 0; i < 3; ++i) pthread_join(t[i], NULL);
  return 0;
}
