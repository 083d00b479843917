// STATIC-RUN:
// A thread's start routine that gives back a lock on a path where it never took it (istgt's
// worker(): error paths unlock the connection's locks after calls that fail with them held)
// is not "called with the lock held": nothing calls a start routine but the thread library.
// A write there is no evidence that the lock protects the datum: the connection's
// running_tasks, updated only by its own worker thread (the loop and wait_all_task()), is
// not "protected by wpdu_mutex elsewhere". Twin: conn_stats.requests, updated under
// stats_mu by the workers and once without it.
#include <pthread.h>

struct conn {
  pthread_mutex_t wpdu_mutex;
  int running_tasks;
  int fd;
};

struct stats {
  pthread_mutex_t stats_mu;
  long requests;
};

static struct stats conn_stats = {PTHREAD_MUTEX_INITIALIZER, 0};

int send_pdu(struct conn *c);  // returns with wpdu_mutex held when it fails

static void wait_all_task(struct conn *c) {
  while (c->running_tasks > 0)
    c->running_tasks--;
}

static void count_request(void) {
  pthread_mutex_lock(&conn_stats.stats_mu);
  conn_stats.requests++;
  pthread_mutex_unlock(&conn_stats.stats_mu);
}

static void *worker(void *arg) {
  struct conn *c = arg;
  for (;;) {
    if (send_pdu(c) < 0) {
      pthread_mutex_unlock(&c->wpdu_mutex);
      break;
    }
    c->running_tasks++;
    count_request();
  }
  wait_all_task(c);
  conn_stats.requests--;  // EXPECT-STATIC: unlocked-rmw stats::requests
  return NULL;
}

int main(void) {
  static struct conn conns[2];
  pthread_t t[2];
  for (int i = 0; i < 2; i++) {
    pthread_mutex_init(&conns[i].wpdu_mutex, NULL);
    pthread_create(&t[i], NULL, worker, &conns[i]);
  }
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
