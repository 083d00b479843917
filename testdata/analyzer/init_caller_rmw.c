// A helper that updates shared counters, called under pool_lock by the threads and
// without it from main before any thread starts (memcached's memory_allocate() from
// slabs_init()). The single-threaded caller must not make the helper look unlocked:
// no finding. Before the fix both RMWs were reported.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static long pool_used;
static long pool_allocs;

static void pool_take(long n) {
  pool_used += n;
  pool_allocs++;
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 20000; i++) {
    pthread_mutex_lock(&pool_lock);
    pool_take(1);
    pthread_mutex_unlock(&pool_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pool_take(100);  // preallocation, single-threaded
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  printf("%ld %ld\n", pool_used, pool_allocs);
  return 0;
}
