// OpenMP's lock API (ImageMagick's LockSemaphoreInfo() is `omp_set_lock((omp_lock_t *)
// &semaphore_info->mutex)` when it is built with OpenMP): omp_set_lock()/omp_unset_lock() are
// a plain lock, omp_test_lock() a trylock (nonzero when it took the lock), the nest_lock
// functions a recursive one. Two threads take the cache's and the registry's locks in opposite
// orders through two wrappers: an inversion. The counters are updated under their locks, the
// nested lock is re-taken by its owner: nothing else is a finding. Before, none of these calls
// was a lock operation (the inversion was missed, the counters reported as unlocked).
// STATIC-RUN:
#include <omp.h>
#include <pthread.h>

typedef struct {
  omp_lock_t mutex;
  long hits;
} SemaphoreInfo;

static SemaphoreInfo cache_semaphore, registry_semaphore;
static omp_nest_lock_t log_lock;
static long log_lines;

static void LockSemaphoreInfo(SemaphoreInfo *s) { omp_set_lock(&s->mutex); }
static void UnlockSemaphoreInfo(SemaphoreInfo *s) { omp_unset_lock(&s->mutex); }

static void log_line(int depth) {
  omp_set_nest_lock(&log_lock);
  log_lines++;
  if (depth > 0)
    log_line(depth - 1);  // the owner re-takes a nested lock
  omp_unset_nest_lock(&log_lock);
}

static void *cache_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    LockSemaphoreInfo(&cache_semaphore);
    cache_semaphore.hits++;
    LockSemaphoreInfo(&registry_semaphore);  // EXPECT-STATIC: lock-order-inversion cache_semaphore.mutex => registry_semaphore.mutex => cache_semaphore.mutex
    registry_semaphore.hits++;
    UnlockSemaphoreInfo(&registry_semaphore);
    UnlockSemaphoreInfo(&cache_semaphore);
    log_line(1);
  }
  return NULL;
}

static void *registry_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    LockSemaphoreInfo(&registry_semaphore);
    registry_semaphore.hits++;
    LockSemaphoreInfo(&cache_semaphore);
    cache_semaphore.hits++;
    UnlockSemaphoreInfo(&cache_semaphore);
    UnlockSemaphoreInfo(&registry_semaphore);
    if (omp_test_lock(&cache_semaphore.mutex)) {
      cache_semaphore.hits++;
      omp_unset_lock(&cache_semaphore.mutex);
    }
  }
  return NULL;
}

int main(void) {
  omp_init_lock(&cache_semaphore.mutex);
  omp_init_lock(&registry_semaphore.mutex);
  omp_init_nest_lock(&log_lock);
  pthread_t a, b;
  pthread_create(&a, NULL, cache_worker, NULL);
  pthread_create(&b, NULL, registry_worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  omp_destroy_lock(&cache_semaphore.mutex);
  omp_destroy_lock(&registry_semaphore.mutex);
  omp_destroy_nest_lock(&log_lock);
  return (int)(log_lines & 1);
}
