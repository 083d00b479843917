// knot's zone events: reschedule(events, mx_handover) takes the events' mutex itself only
// when the caller does not hand it over (`if (!mx_handover) lock(&ev->mx)`), and releases
// it on every path. schedule_at() locks, updates and calls reschedule(ev, true): the mutex
// is released there, so schedule_at() returns without it and schedule_user() may take it
// again. A release after the function's own acquisition pairs with it only when that
// acquisition was not decided by a parameter (conditional_unlock_facts_lost.c): here the
// path that skipped it is the caller's hand-over. No self-deadlock.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>

struct events {
  pthread_mutex_t mx;
  int running;
  long time, next;
};

static struct events zone_events = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0};

static void reschedule(struct events *ev, bool mx_handover) {
  if (!mx_handover)
    pthread_mutex_lock(&ev->mx);
  if (ev->running) {
    pthread_mutex_unlock(&ev->mx);
    return;
  }
  ev->next = ev->time + 1;
  pthread_mutex_unlock(&ev->mx);
}

static void schedule_at(struct events *ev, long t) {
  pthread_mutex_lock(&ev->mx);
  ev->time = t;
  reschedule(ev, true);
}

static void schedule_user(struct events *ev) {
  schedule_at(ev, 1);
  pthread_mutex_lock(&ev->mx);
  ev->running = 0;
  pthread_mutex_unlock(&ev->mx);
  reschedule(ev, false);
}

static void *worker(void *arg) {
  schedule_user(&zone_events);
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
