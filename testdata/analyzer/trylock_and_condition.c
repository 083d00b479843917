// squid's squidaio_poll_queues(): `if (overflow.head && pthread_mutex_trylock(&queue_mutex) ==
// 0) { ...; unlock; }`. The trylock is the right operand of `&&`: its block's branch follows
// the comparison, so the mutex is held only where the trylock returned 0. Where it failed, the
// mutex is not held, and locking it again after the `if` is no self-deadlock (it was reported;
// in squid the same held lock made `queue_mutex` the protector of a counter written there). The
// inversion with the other thread goes through the success branch (twin in one file).
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t queue_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
static int *overflow_head;
static long done_count, queued;

static void poll_queues(void) {
  if (overflow_head && pthread_mutex_trylock(&queue_mutex) == 0) {
    pthread_mutex_lock(&stats_mutex);  // EXPECT-STATIC: lock-order-inversion queue_mutex => stats_mutex => queue_mutex
    queued++;
    pthread_mutex_unlock(&stats_mutex);
    overflow_head = NULL;
    pthread_mutex_unlock(&queue_mutex);
  }
  pthread_mutex_lock(&queue_mutex);
  done_count -= 1;
  pthread_mutex_unlock(&queue_mutex);
}

static void *poller(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    poll_queues();
  return NULL;
}

static void *stats(void *p) {
  (void)p;
  pthread_mutex_lock(&stats_mutex);
  pthread_mutex_lock(&queue_mutex);  // EXPECT-STATIC: lock-order-inversion queue_mutex => stats_mutex => queue_mutex
  queued = 0;
  pthread_mutex_unlock(&queue_mutex);
  pthread_mutex_unlock(&stats_mutex);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, poller, NULL);
  pthread_create(&b, NULL, stats, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
