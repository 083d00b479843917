// A lock the function is given (a parameter, or the thread's start argument) and holds around
// an update: `bump(&stats_lock)` from every worker, and a thread started with the lock as its
// argument (`pthread_create(..., loop, &m)`, tbox's lock demo passing the mutex it made). The
// rule that reports updates made with no lock held saw none there, and flagged both updates;
// the lock is named by what the callers pass, which that rule does not follow, so like a lock
// that cannot be named it may be the one that protects the datum. The update made with no lock
// at all (the reset thread's) is still reported, against the locked ones.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

static long hits, loops;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t loop_lock = PTHREAD_MUTEX_INITIALIZER;

static void bump(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  hits++;
  pthread_mutex_unlock(m);
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    bump(&stats_lock);
  return NULL;
}

static void *loop(void *arg) {
  pthread_mutex_t *m = arg;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(m);
    loops++;
    pthread_mutex_unlock(m);
  }
  return NULL;
}

static void *resetter(void *arg) {
  (void)arg;
  hits += 0 - hits;  // EXPECT: unlocked-rmw hits
  return NULL;
}

int main(void) {
  pthread_t t[5];
  pthread_create(&t[0], NULL, worker, NULL);
  pthread_create(&t[1], NULL, worker, NULL);
  pthread_create(&t[2], NULL, loop, &loop_lock);
  pthread_create(&t[3], NULL, loop, &loop_lock);
  pthread_create(&t[4], NULL, resetter, NULL);
  for (int i = 0; i < 5; i++)
    pthread_join(t[i], NULL);
  return 0;
}
