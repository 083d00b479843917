// A condition wait on a lock that the function reached through a pointer it fetched itself and
// took through a wrapper it cannot see (StarPU's _starpu_worker_lock(): `worker =
// _starpu_get_worker_struct(id); STARPU_PTHREAD_MUTEX_LOCK_SCHED(&worker->sched_mutex); while
// (!worker->state_relax_refcnt) STARPU_PTHREAD_COND_WAIT(&worker->sched_cond,
// &worker->sched_mutex);`, the wrapper here in a library outside the database). The wait is
// made holding the lock; it gives back nothing of the caller's. Before, wait_for_relax() counted
// as a release of some worker's sched_mutex, so steal_task() called it while holding its own
// worker's sched_mutex lost that hold, and its update of self->ntasks after the call was a false
// unlocked read-modify-write. Twin: give_back() really unlocks the caller's lock before the
// same update, a real one.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct worker {
  pthread_mutex_t sched_mutex;
  pthread_cond_t sched_cond;
  int relax_refcnt;
  int ntasks;
};

static struct worker workers[4];

int sched_mutex_lock(pthread_mutex_t *m);  // libsched-os: checks, traces, then locks
int sched_mutex_unlock(pthread_mutex_t *m);

static struct worker *worker_struct(int id) { return &workers[id]; }

void wait_for_relax(int id) {
  struct worker *w = worker_struct(id);
  sched_mutex_lock(&w->sched_mutex);
  while (!w->relax_refcnt)
    pthread_cond_wait(&w->sched_cond, &w->sched_mutex);
  sched_mutex_unlock(&w->sched_mutex);
}

void steal_task(struct worker *self, int victim) {
  pthread_mutex_lock(&self->sched_mutex);
  wait_for_relax(victim);
  self->ntasks++;
  pthread_mutex_unlock(&self->sched_mutex);
}

static void give_back(struct worker *self) { pthread_mutex_unlock(&self->sched_mutex); }

void push_task(struct worker *self) {
  pthread_mutex_lock(&self->sched_mutex);
  give_back(self);
  self->ntasks++;  // EXPECT-STATIC: unlocked-rmw worker::ntasks
}

static void *run(void *arg) {
  struct worker *self = arg;
  steal_task(self, 1);
  push_task(self);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, run, &workers[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
