// One self-deadlock reached by many call paths is one finding (dig's force_next(), which takes
// lookup_lock while every caller of start_udp() already holds it). The analyzer reports it once,
// at the most direct path (recv_done()'s call: one call away), says how many call paths reach
// the second acquisition, and shows the shortest three. force_next()'s own re-acquisition
// through try_next() is not reported apart: every call of force_next() is made with
// lookup_lock held, so it never gets past its first LOCK. (tests/analyzer/cli_test.py counts
// the findings and paths, and checks that baselines and suppressions still apply.)
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t lookup_lock = PTHREAD_MUTEX_INITIALIZER;
static int pending, sent, received;

static void start_udp(int q);

static void try_next(int q) {
  if (q > 0)
    start_udp(q - 1);
}

static void force_next(int q) {
  pthread_mutex_lock(&lookup_lock);  // EXPECT-STATIC: self-deadlock lookup_lock
  pending--;
  try_next(q);
  pthread_mutex_unlock(&lookup_lock);
}

static void start_udp(int q) {
  if (q < 0)
    force_next(q);
  else
    pending++;
}

void recv_done(int q) {
  pthread_mutex_lock(&lookup_lock);
  received++;
  force_next(q);
  pthread_mutex_unlock(&lookup_lock);
}

void send_done(int q) {
  pthread_mutex_lock(&lookup_lock);
  sent++;
  start_udp(q);
  pthread_mutex_unlock(&lookup_lock);
}

void udp_ready(int q) {
  pthread_mutex_lock(&lookup_lock);
  start_udp(q);
  pthread_mutex_unlock(&lookup_lock);
}

void tcp_connected(int q) {
  pthread_mutex_lock(&lookup_lock);
  start_udp(q + 1);
  pthread_mutex_unlock(&lookup_lock);
}
