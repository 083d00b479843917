#include "thread.h"

mutex_t _global_event_mutex;
static int events;

void *stats_thread(void *p) {
  (void)p;
  thread_mutex_lock(&_locks.relay_lock);
  thread_mutex_lock(&_global_event_mutex);
  events++;
  thread_mutex_unlock(&_global_event_mutex);
  thread_mutex_unlock(&_locks.relay_lock);
  thread_mutex_lock(&_global_event_mutex);  // EXPECT: lock-order-inversion main_source.q.lock => _global_event_mutex => main_source.q.lock
  source_lock(&main_source);                // EXPECT: lock-order-inversion main_source.q.lock => _global_event_mutex => main_source.q.lock
  main_source.q.queued++;
  source_unlock(&main_source);
  thread_mutex_unlock(&_global_event_mutex);
  return 0;
}
