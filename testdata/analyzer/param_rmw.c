// A read-modify-write through a pointer parameter: every worker calls bump(&hits), and
// bump() does (*p)++ without a lock: a lost update of `hits`, reported in bump(). The
// counter every worker bumps under stats_lock through the same helper is not; nor is a
// worker's own local counter.
// STATIC-RUN:
// TSAN: racy
#include <pthread.h>

static long hits;
static long misses;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void bump(long *p) {
  (*p)++;  // EXPECT-STATIC: unlocked-rmw hits
}

static void add(long *p, long n) { *p += n; }

static void *worker(void *arg) {
  long mine = 0;
  for (int i = 0; i < 1000; i++) {
    bump(&hits);
    pthread_mutex_lock(&stats_lock);
    add(&misses, 1);
    pthread_mutex_unlock(&stats_lock);
    add(&mine, 1);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
