// STATIC-RUN:
// Globals of one wrapper struct type, locked through wrappers of another TU: each is its own
// lock. '_slave_mutex' => '_locks.relay_lock' and '_locks.relay_lock' => '_global_event_mutex'
// make no cycle;
// 'main_source.q.lock' (a member, through two wrapper levels) against '_global_event_mutex' does.
#include "thread.h"

static mutex_t _slave_mutex;
struct ice_config_locks _locks;
struct source main_source;
static int relays;

static void *slave_thread(void *p) {
  (void)p;
  thread_mutex_lock(&_slave_mutex);
  thread_mutex_lock(&_locks.relay_lock);
  relays++;
  thread_mutex_unlock(&_locks.relay_lock);
  thread_mutex_unlock(&_slave_mutex);
  return 0;
}

static void *source_thread(void *p) {
  (void)p;
  source_lock(&main_source);                // EXPECT: lock-order-inversion main_source.q.lock => _global_event_mutex => main_source.q.lock
  thread_mutex_lock(&_global_event_mutex);  // EXPECT: lock-order-inversion main_source.q.lock => _global_event_mutex => main_source.q.lock
  main_source.listeners++;
  thread_mutex_unlock(&_global_event_mutex);
  source_unlock(&main_source);
  return 0;
}

void *stats_thread(void *p);

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], 0, slave_thread, 0);
  pthread_create(&t[1], 0, source_thread, 0);
  pthread_create(&t[2], 0, stats_thread, 0);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  return 0;
}
