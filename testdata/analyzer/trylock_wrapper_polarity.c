// A lock whose fast path is a trylock wrapper that returns true on FAILURE (jemalloc's
// malloc_mutex_lock(): `#define MALLOC_MUTEX_TRYLOCK(m) (pthread_mutex_trylock(&(m)->lock) != 0)`,
// `if (malloc_mutex_trylock_final(m)) malloc_mutex_lock_slow(m);`, the slow path spinning on
// the trylock, then blocking). The slow path runs only when the lock is not held: no
// self-deadlock. The wrapper's polarity is read from what it returns, whatever its return
// type: `!= 0`, `== 0`, `!`, the result stored first, a wrapper of a wrapper, and the tests of
// its result through `!` and `&&`. Clean. The twin with the polarity really inverted:
// trylock_wrapper_polarity_inverted.c.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

typedef struct {
  pthread_mutex_t lock;
  atomic_bool locked;  // a hint for the spin, as jemalloc's
} mutex_t;

#define MUTEX_TRYLOCK(m) (pthread_mutex_trylock(&(m)->lock) != 0)

static int max_spin = 100;
static mutex_t a = {PTHREAD_MUTEX_INITIALIZER, false};
static mutex_t b = {PTHREAD_MUTEX_INITIALIZER, false};
static mutex_t c = {PTHREAD_MUTEX_INITIALIZER, false};
static int counter_a, counter_b, counter_c;

// true on failure (bool, as jemalloc's)
static inline bool try_fail(mutex_t *m) { return MUTEX_TRYLOCK(m); }

// true on success, though it returns an int
static int try_ok(mutex_t *m) {
  int rc = pthread_mutex_trylock(&m->lock);
  return rc == 0;
}

// true on failure: the raw error code converted to bool
static bool try_raw(mutex_t *m) { return pthread_mutex_trylock(&m->lock); }

// a wrapper of a wrapper, negated: true on success
static bool try_ok_again(mutex_t *m) { return !try_fail(m); }

static inline void lock_final(mutex_t *m) {
  pthread_mutex_lock(&m->lock);
  atomic_store_explicit(&m->locked, true, memory_order_relaxed);
}

void lock_slow(mutex_t *m) {
  int cnt = 0;
  do {
    if (!atomic_load_explicit(&m->locked, memory_order_relaxed) && !try_fail(m))
      return;
  } while (cnt++ < max_spin);
  if (!try_fail(m))
    return;
  lock_final(m);
}

static inline void mutex_lock(mutex_t *m) {
  if (try_fail(m)) {
    lock_slow(m);
    atomic_store_explicit(&m->locked, true, memory_order_relaxed);
  }
}

static void mutex_lock_b(mutex_t *m) {
  if (!try_ok(m))
    lock_final(m);
}

static void mutex_lock_c(mutex_t *m) {
  if (try_raw(m) && !try_ok_again(m))
    lock_final(m);
}

static inline void mutex_unlock(mutex_t *m) {
  atomic_store_explicit(&m->locked, false, memory_order_relaxed);
  pthread_mutex_unlock(&m->lock);
}

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    mutex_lock(&a);
    counter_a++;
    mutex_unlock(&a);
    mutex_lock_b(&b);
    counter_b++;
    mutex_unlock(&b);
    mutex_lock_c(&c);
    counter_c++;
    mutex_unlock(&c);
  }
  return arg;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, worker, 0);
  pthread_create(&t2, 0, worker, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return counter_a + counter_b + counter_c != 6000;
}
