// A lock reached through a pointer that a loop advances is a different lock in each iteration:
// taking it again across the loop's back edge is not a self-deadlock. The setup of fio's idle
// profiler locks every worker's init and start locks in a loop (ipt = &ctl.ipts[i]), unlocks the
// init locks in a second loop and waits on each in a third; a for_each_td() macro advances a
// pointer over all jobs and locks each through a static inline wrapper (td_lock), and a list
// walk locks each node (n = n->next) and leaves them locked for the caller to unlock.
// A loop that takes a loop-invariant lock (a parameter's, a global, a local pointer set
// outside the loop or to the same global every time) and never releases it does deadlock on
// its second iteration: still a self-deadlock.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

#define NR_WORKERS 4

struct idle_prof_thread {
  pthread_t thread;
  pthread_mutex_t init_lock;
  pthread_mutex_t start_lock;
  pthread_cond_t cond;
  int state;
};

struct idle_prof_common {
  struct idle_prof_thread ipts[NR_WORKERS];
  int nr_cpus;
};

static struct idle_prof_common ctl;

static void *idle_prof_thread_fn(void *data) {
  struct idle_prof_thread *ipt = data;
  pthread_mutex_lock(&ipt->init_lock);
  ipt->state = 1;
  pthread_cond_signal(&ipt->cond);
  pthread_mutex_unlock(&ipt->init_lock);
  pthread_mutex_lock(&ipt->start_lock);
  ipt->state = 2;
  pthread_mutex_unlock(&ipt->start_lock);
  return NULL;
}

static void idle_prof_init(void) {
  int i, ret = 0;
  struct idle_prof_thread *ipt;

  for (i = 0; i < ctl.nr_cpus; i++) {
    ipt = &ctl.ipts[i];
    ipt->state = 0;
    if (pthread_mutex_init(&ipt->init_lock, NULL)) {
      ret = 1;
      break;
    }
    pthread_mutex_init(&ipt->start_lock, NULL);
    pthread_cond_init(&ipt->cond, NULL);
    pthread_mutex_lock(&ipt->init_lock);
    pthread_mutex_lock(&ipt->start_lock);
    if (pthread_create(&ipt->thread, NULL, idle_prof_thread_fn, ipt)) {
      ret = 1;
      break;
    }
  }

  for (i = 0; i < ctl.nr_cpus; i++) {
    ipt = &ctl.ipts[i];
    pthread_mutex_unlock(&ipt->init_lock);
  }

  if (ret)
    return;

  for (i = 0; i < ctl.nr_cpus; i++) {
    ipt = &ctl.ipts[i];
    pthread_mutex_lock(&ipt->init_lock);
    while (ipt->state != 1)
      pthread_cond_wait(&ipt->cond, &ipt->init_lock);
    pthread_mutex_unlock(&ipt->init_lock);
  }

  for (i = 0; i < ctl.nr_cpus; i++) {
    ipt = &ctl.ipts[i];
    pthread_mutex_unlock(&ipt->start_lock);
  }
}

// fio: a job table walked by a macro that advances a pointer
struct thread_data {
  pthread_mutex_t io_u_lock;
  int io_submit_mode;
  unsigned long long io_bytes;
};

static struct thread_data threads[8];
static int nr_threads;

#define for_each_td(td, i) for ((i) = 0, (td) = &threads[0]; (i) < nr_threads; (i)++, (td)++)

static inline void td_lock(struct thread_data *td) { pthread_mutex_lock(&td->io_u_lock); }
static inline void td_unlock(struct thread_data *td) { pthread_mutex_unlock(&td->io_u_lock); }
static int td_async_processing(struct thread_data *td) { return td->io_submit_mode == 1; }

static unsigned long long sum_io_bytes(void) {
  struct thread_data *td;
  unsigned long long total = 0;
  int i;

  for_each_td(td, i) {
    int needs_lock = td_async_processing(td);
    if (needs_lock)
      td_lock(td);
    total += td->io_bytes;
    if (td_async_processing(td))
      td_unlock(td);
  }
  return total;
}

// a list walk that leaves every node locked (unlocked by unlock_all)
struct node {
  pthread_mutex_t mu;
  struct node *next;
  int pinned;
};

static struct node *head;

static void lock_all(void) {
  for (struct node *n = head; n; n = n->next)
    pthread_mutex_lock(&n->mu);
}

static void unlock_all(void) {
  struct node *n = head;
  while (n) {
    pthread_mutex_unlock(&n->mu);
    n = n->next;
  }
}

static void pin_all(void) {
  lock_all();
  for (struct node *n = head; n; n = n->next)
    n->pinned = 1;
  unlock_all();
}

// loop-invariant locks taken again in every iteration: these do deadlock
struct stats {
  pthread_mutex_t mu;
  long hits;
};

static struct stats all_stats;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long counted;

static void count_param(struct stats *s, int n) {
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(&s->mu);  // EXPECT-STATIC: self-deadlock stats::mu
    s->hits++;
  }
}

static void count_global(int n) {
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(&count_lock);  // EXPECT-STATIC: self-deadlock count_lock
    if (counted > 100)
      continue;
    counted++;
    pthread_mutex_unlock(&count_lock);
  }
}

static void count_local(int n) {
  struct stats *st = &all_stats;
  for (int i = 0; i < n; i++) {
    pthread_mutex_lock(&st->mu);  // EXPECT-STATIC: self-deadlock all_stats.mu
    st->hits++;
  }
}

static void count_reassigned(int n) {
  struct stats *st;
  for (int i = 0; i < n; i++) {
    st = &all_stats;
    pthread_mutex_lock(&st->mu);  // EXPECT-STATIC: self-deadlock all_stats.mu
    st->hits++;
  }
}

static void *worker(void *arg) {
  (void)arg;
  sum_io_bytes();
  pin_all();
  count_param(&all_stats, 3);
  count_global(3);
  count_local(3);
  count_reassigned(3);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  ctl.nr_cpus = NR_WORKERS;
  nr_threads = 8;
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  idle_prof_init();
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
