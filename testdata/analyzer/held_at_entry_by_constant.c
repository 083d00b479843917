// Held at entry, on the paths a constant argument allows (mosquitto's util__decrement_send_quota()):
// release_to_inflight(c, dir) expects the caller to hold the direction's mutex and updates
// the send quota only for DIR_OUT. It is called for DIR_OUT under out_mutex and, through
// queue(), for DIR_IN under in_mutex: that path never reaches the quota's update, so every
// path that does holds out_mutex. The receive quota, written under in_mutex elsewhere, is
// also updated by a caller that holds nothing: reported (at the callee, where the update is).
// STATIC-RUN:
#include <pthread.h>

enum direction { DIR_IN, DIR_OUT };

struct conn {
  pthread_mutex_t in_mutex, out_mutex;
  int in_quota, out_quota, in_max, out_max;
  int in_len, out_len;
};

static struct conn the_conn = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0, 0, 20, 20, 0, 0};

static void decrement_send_quota(struct conn *c) {
  if (c->out_quota > 0)
    c->out_quota--;
}

static void increment_receive_quota(struct conn *c) {
  if (c->in_quota < c->in_max)
    c->in_quota++;  // EXPECT-STATIC: unlocked-rmw conn::in_quota
}

// the caller holds the mutex of `dir`
static int release_to_inflight(struct conn *c, enum direction dir) {
  if (dir == DIR_OUT) {
    if (c->out_quota > 0)
      decrement_send_quota(c);
  }
  return 0;
}

static int queue_message(struct conn *c, enum direction dir) {
  if (dir == DIR_OUT)
    c->out_len = c->out_len + 1;
  else
    c->in_len = c->in_len + 1;
  return release_to_inflight(c, dir);
}

static void reconnect_reset(struct conn *c) {
  pthread_mutex_lock(&c->in_mutex);
  c->in_quota = c->in_max;
  pthread_mutex_unlock(&c->in_mutex);
  pthread_mutex_lock(&c->out_mutex);
  c->out_quota = c->out_max;
  pthread_mutex_unlock(&c->out_mutex);
}

static void *user_thread(void *arg) {
  pthread_mutex_lock(&the_conn.out_mutex);
  queue_message(&the_conn, DIR_OUT);
  pthread_mutex_unlock(&the_conn.out_mutex);
  reconnect_reset(&the_conn);
  return arg;
}

static void *network_thread(void *arg) {
  pthread_mutex_lock(&the_conn.in_mutex);
  queue_message(&the_conn, DIR_IN);
  pthread_mutex_unlock(&the_conn.in_mutex);
  pthread_mutex_lock(&the_conn.out_mutex);
  release_to_inflight(&the_conn, DIR_OUT);
  pthread_mutex_unlock(&the_conn.out_mutex);
  increment_receive_quota(&the_conn);
  return arg;
}

int main(void) {
  pthread_t u, n;
  pthread_create(&u, 0, user_thread, 0);
  pthread_create(&n, 0, network_thread, 0);
  pthread_join(u, 0);
  pthread_join(n, 0);
  return 0;
}
