// A ring buffer's push is called by each worker under that worker's own lock, and by the
// collector thread for its own buffers without one; once, a buffer is pre-filled by
// add_watcher() while the caller happens to hold registry_lock, which has nothing to do with
// buffers. That one write under an unrelated caller's lock does not make registry_lock the
// buffers' protector. (A counter that each function updates under its own lock is still
// reported when one update forgets it.)
// STATIC-RUN:
#include <pthread.h>

struct ring {
  unsigned head, tail;
};

struct worker {
  pthread_mutex_t mutex;
  struct ring ring;
};

static struct worker workers[2];
static struct ring watcher_ring;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int nwatchers;
static long events;

static void ring_push(struct ring *r, unsigned n) { r->tail += n; }

static void ring_offer(struct ring *r, unsigned n) { r->tail = r->head + n; }

static void add_watcher(void) {
  pthread_mutex_lock(&registry_lock);
  nwatchers++;
  ring_offer(&watcher_ring, 16);
  pthread_mutex_unlock(&registry_lock);
}

static void *work(void *arg) {
  struct worker *w = &workers[(long)arg & 1];
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&w->mutex);
    ring_push(&w->ring, 8);
    pthread_mutex_unlock(&w->mutex);
    pthread_mutex_lock(&stats_lock);
    events++;
    pthread_mutex_unlock(&stats_lock);
  }
  return arg;
}

static void *collect(void *arg) {
  add_watcher();
  for (int i = 0; i < 100; i++)
    ring_push(&watcher_ring, 1);
  events++;  // EXPECT-STATIC: unlocked-rmw events
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, work, (void *)0L);
  pthread_create(&b, 0, work, (void *)1L);
  pthread_create(&c, 0, collect, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
