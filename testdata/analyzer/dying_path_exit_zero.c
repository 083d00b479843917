// Twin of dying_path_order.c: exit(0) is how a run ends, not a fatal error. finish() takes
// 'queue_lock' under 'stats_lock', then joins the consumer and exits with 0; the consumer takes
// 'stats_lock' under 'queue_lock'. Reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued, taken;

static void *consumer(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&queue_lock);
    pthread_mutex_lock(&stats_lock);  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
    if (queued > 0) {
      queued--;
      taken++;
    }
    pthread_mutex_unlock(&stats_lock);
    pthread_mutex_unlock(&queue_lock);
  }
  return NULL;
}

static void enqueue(void) {
  pthread_mutex_lock(&queue_lock);  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
  queued++;
  pthread_mutex_unlock(&queue_lock);
}

static void finish(pthread_t t) {
  pthread_mutex_lock(&stats_lock);
  enqueue();  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
  pthread_mutex_unlock(&stats_lock);
  pthread_join(t, NULL);
  printf("%d\n", taken);
  exit(0);
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, consumer, NULL);
  finish(t);
}
