// STATIC-RUN:
// STATIC-COMPILE: -std=c11
// Spin locks of C11's <stdatomic.h> and GCC's __atomic builtins (most of which clang represents
// as atomic expressions, not calls): an `atomic_flag` taken with `atomic_flag_test_and_set()` and
// given back with `atomic_flag_clear()`, an `int` taken with `__atomic_exchange_n(&l, 1, ...)` and
// given back with `__atomic_store_n(&l, 0, ...)`, and a `char` taken with
// `__atomic_test_and_set()` and given back with `__atomic_clear()`. The counters updated under
// them lose nothing; `dropped`, updated after the flag is cleared, is reported.
#include <pthread.h>
#include <stdatomic.h>

static atomic_flag queue_flag = ATOMIC_FLAG_INIT;
static int pool_lock;
static char log_lock;
static long queued, dropped, pooled, logged;
static _Atomic long pool_size;  // loads and adds of other atomics are no lock operations

static void *producer(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    while (atomic_flag_test_and_set(&queue_flag))
      ;
    if (atomic_load(&pool_size) > 100 || __atomic_load_n(&pool_lock, __ATOMIC_RELAXED) < 0)
      atomic_fetch_add(&pool_size, -1);
    queued++;
    atomic_flag_clear(&queue_flag);
    dropped++;  // EXPECT-STATIC: unlocked-rmw dropped

    while (__atomic_exchange_n(&pool_lock, 1, __ATOMIC_ACQUIRE))
      ;
    pooled += 2;
    __atomic_store_n(&pool_lock, 0, __ATOMIC_RELEASE);

    while (__atomic_test_and_set(&log_lock, __ATOMIC_ACQUIRE))
      ;
    logged++;
    __atomic_clear(&log_lock, __ATOMIC_RELEASE);
  }
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, producer, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return (int)(queued + dropped + pooled + logged) & 1;
}
