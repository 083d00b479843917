// A mutex pointer assigned after its declaration (`pthread_mutex_t *m; m = &a;`), on both
// branches of a test and in a loop: the lock taken through it is the one assigned on the path
// to the call. The producer takes queue_lock then stats_lock through pointers assigned late; the
// flusher takes them in the other order: an inversion. The pointer re-pointed between two
// locks names the new lock (no self-deadlock on 'first'); a pointer assigned on one branch
// only names nothing on the other path (no finding from it).
// STATIC-RUN:
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t first = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t second = PTHREAD_MUTEX_INITIALIZER;
static int queued, stats, slow;

static void *producer(void *arg) {
  pthread_mutex_t *q, *s;
  q = &queue_lock;
  if (slow)
    s = &stats_lock;
  else
    s = &stats_lock;
  pthread_mutex_lock(q);  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
  queued++;
  pthread_mutex_lock(s);  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
  stats++;
  pthread_mutex_unlock(s);
  pthread_mutex_unlock(q);
  return arg;
}

static void *flusher(void *arg) {
  pthread_mutex_t *m;
  m = &stats_lock;
  pthread_mutex_lock(m);  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
  pthread_mutex_lock(&queue_lock);  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
  queued = 0;
  stats = 0;
  pthread_mutex_unlock(&queue_lock);
  pthread_mutex_unlock(m);
  m = &first;
  pthread_mutex_lock(m);
  m = &second;
  pthread_mutex_lock(m);
  slow++;
  pthread_mutex_unlock(m);
  pthread_mutex_unlock(&first);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, producer, 0);
  pthread_create(&b, 0, flusher, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
