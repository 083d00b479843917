// A trylock whose result a macro maps to the library's own status codes (bind9's
// `isc_mutex_trylock(mp)` is `(pthread_mutex_trylock(mp) == 0) ? ISC_R_SUCCESS : ISC_R_LOCKBUSY`):
// `if (try_lock(want) != OK)` is the failure branch, where `want` is not held, so taking it
// there is the back-off of a lock-order violation, not a self-deadlock (bind9's
// violate_locking_hierarchy()). Taking it again where the trylock succeeded is one.
// STATIC-RUN:
#include <pthread.h>

typedef enum { OK = 0, BUSY = 23 } status_t;

#define try_lock(mp) ((pthread_mutex_trylock((mp)) == 0) ? OK : BUSY)

pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t entry_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
int entries, hits;

// the caller holds `have`; the usual order is want => have
static void violate_locking_hierarchy(pthread_mutex_t *have, pthread_mutex_t *want) {
  if (try_lock(want) != OK) {
    pthread_mutex_unlock(have);
    pthread_mutex_lock(want);
    pthread_mutex_lock(have);
  }
}

static void *remover(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&table_lock);
    violate_locking_hierarchy(&table_lock, &entry_lock);
    entries--;
    pthread_mutex_unlock(&entry_lock);
    pthread_mutex_unlock(&table_lock);
  }
  return 0;
}

static void *adder(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&entry_lock);
    pthread_mutex_lock(&table_lock);
    entries++;
    pthread_mutex_unlock(&table_lock);
    pthread_mutex_unlock(&entry_lock);
  }
  return 0;
}

static void *counter(void *p) {
  (void)p;
  if (try_lock(&stats_lock) == OK) {
    pthread_mutex_lock(&stats_lock);  // EXPECT-STATIC: self-deadlock stats_lock
    hits++;
    pthread_mutex_unlock(&stats_lock);
    pthread_mutex_unlock(&stats_lock);
  }
  return 0;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, remover, 0);
  pthread_create(&b, 0, adder, 0);
  pthread_create(&c, 0, counter, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return entries + hits;
}
