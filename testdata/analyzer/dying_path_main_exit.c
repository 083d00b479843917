// Twin of dying_path_order.c: main() ends with exit(status) on every way, which is how the
// program finishes, not a fatal error. What main() takes before it is ordinary lock order:
// 'stats_lock' => 'queue_lock' in main(), 'queue_lock' => 'stats_lock' in the consumer it runs
// beside. Reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued, taken, status;

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

int main(int argc, char **argv) {
  pthread_t t;
  pthread_create(&t, NULL, consumer, NULL);
  pthread_mutex_lock(&stats_lock);
  enqueue();  // EXPECT-STATIC: lock-order-inversion queue_lock => stats_lock => queue_lock
  pthread_mutex_unlock(&stats_lock);
  if (argc > 1 && argv[1][0] == 'q')
    exit(3);  // (a branch to an exit: the way out of main(), only this branch dies)
  pthread_join(t, NULL);
  status = taken == 1 ? 0 : 2;
  exit(status);
}
