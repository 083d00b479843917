// Functions the other two TUs reach across TUs: a cleanup handler that unlocks its argument and a
// lock wrapper. Each is a summary the analyzer's cross-TU pass gives to pool.c; what pool.c's
// functions then do (release, acquire) reaches main.c only if that pass repeats.
#include <assert.h>
#include <pthread.h>

#include "pool.h"

void cancel_unlock(void *m) {
  assert(m != 0);
  pthread_mutex_unlock((pthread_mutex_t *)m);
}

void lock_raw(pthread_mutex_t *m) { pthread_mutex_lock(m); }
