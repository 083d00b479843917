// STATIC-RUN:
// Spin locks made of GCC's atomic builtins guard two counters that worker threads update: a
// test-and-set loop in a wrapper (`spin_lock()`/`spin_unlock()`), and a compare-and-swap loop
// written where the lock is taken. The updates made under them lose nothing. The twin counter
// `misses` is updated after the wrapper gave the lock back: reported. (A spin lock's order is not
// checked: it is a trylock taken by spinning, which adds no edge; docs/analyzer.md.)
#include <pthread.h>
#include <sched.h>

static volatile int stats_lock, table_lock;
static long hits, misses, slots;

static void spin_lock(volatile int *l) {
  while (__sync_lock_test_and_set(l, 1))
    while (*l)
      sched_yield();
}

static void spin_unlock(volatile int *l) { __sync_lock_release(l); }

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    spin_lock(&stats_lock);
    hits++;
    spin_unlock(&stats_lock);
    misses++;  // EXPECT-STATIC: unlocked-rmw misses

    while (!__sync_bool_compare_and_swap(&table_lock, 0, 1))
      sched_yield();
    slots += 2;
    __sync_lock_release(&table_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return (int)(hits + misses + slots) & 1;
}
