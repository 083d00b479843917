// The slow path of a failed trylock (the Boehm GC's UNCOND_LOCK(): `if (0 !=
// pthread_mutex_trylock(&GC_allocate_ml)) GC_lock();`), here with the slow lock function in a
// library outside the database: the code after it holds the lock either way. alloc_large()
// gives the allocation lock back around init_heap() and takes it again with LOCK(); before, its
// failure branch held nothing, alloc_large() counted as a release of its caller's lock, and the
// write to bytes_allocd after it in gc_malloc() was a false unlocked read-modify-write. Twin:
// the slow path blocks, so gc_stat() taking the allocation lock under stats_lock, and
// gc_collect() taking stats_lock under it, is a real inversion (a successful trylock alone
// would wait for nothing).
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t alloc_ml = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long bytes_allocd, collections, stat_reads;
static int heap_ready;

void os_lock_slow(void);  // spins, then blocks on alloc_ml (liballoc-os, not in this database)

#define LOCK()                                 \
  do {                                         \
    if (0 != pthread_mutex_trylock(&alloc_ml)) \
      os_lock_slow();                          \
  } while (0)
#define UNLOCK() pthread_mutex_unlock(&alloc_ml)

static void init_heap(void) { heap_ready = 1; }

static void *alloc_large(long n) {
  if (!heap_ready) {
    UNLOCK();
    init_heap();
    LOCK();
  }
  return malloc((size_t)n);
}

void *gc_malloc(long n) {
  void *p;
  LOCK();
  p = alloc_large(n);
  bytes_allocd += n;
  UNLOCK();
  return p;
}

void gc_free(void *p, long n) {
  LOCK();
  bytes_allocd -= n;
  UNLOCK();
  free(p);
}

void gc_collect(void) {
  LOCK();
  pthread_mutex_lock(&stats_lock);  // EXPECT-STATIC: lock-order-inversion alloc_ml => stats_lock => alloc_ml
  collections++;
  pthread_mutex_unlock(&stats_lock);
  UNLOCK();
}

long gc_stat(void) {
  long r;
  pthread_mutex_lock(&stats_lock);
  stat_reads++;
  LOCK();  // EXPECT-STATIC: lock-order-inversion alloc_ml => stats_lock => alloc_ml
  r = bytes_allocd;
  UNLOCK();
  pthread_mutex_unlock(&stats_lock);
  return r;
}

static void *mutator(void *arg) {
  for (int i = 0; i < 100; i++)
    gc_free(gc_malloc(64), 64);
  gc_collect();
  return arg;
}

static void *monitor(void *arg) {
  (void)gc_stat();
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, NULL, mutator, NULL);
  pthread_create(&b, NULL, mutator, NULL);
  pthread_create(&c, NULL, monitor, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return 0;
}
