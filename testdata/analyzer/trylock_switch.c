// A trylock whose result a switch tests (the Boehm GC's GC_generic_lock(): spin on
// pthread_mutex_trylock() with `case 0: return; case EBUSY: break; default: ABORT`, then block
// in pthread_mutex_lock()): the lock is held in `case 0` only, so the blocking lock after the
// loop is reached without it. Before, a trylock tested by a switch was taken to be held on
// every way out, and the final pthread_mutex_lock() was a false self-deadlock. Twin:
// relock_on_success() takes the lock again in `case 0`, a real self-deadlock; a switch with no
// `case 0` (status_of()) says nothing about which way holds the lock.
// STATIC-RUN:
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t alloc_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t other_lock = PTHREAD_MUTEX_INITIALIZER;
static long allocated, others;

static void spin_lock(pthread_mutex_t *lock) {
  if (0 == pthread_mutex_trylock(lock))
    return;
  for (unsigned pause = 1; pause <= 64; pause <<= 1) {
    switch (pthread_mutex_trylock(lock)) {
      case 0:
        return;
      case EBUSY:
        break;
      default:
        abort();
    }
  }
  pthread_mutex_lock(lock);
}

static void relock_on_success(pthread_mutex_t *lock) {
  switch (pthread_mutex_trylock(lock)) {
    case 0:
      pthread_mutex_lock(lock);  // EXPECT-STATIC: self-deadlock *lock
      break;
    default:
      pthread_mutex_lock(lock);
      break;
  }
}

static int status_of(pthread_mutex_t *lock) {
  int r = 0;
  switch (pthread_mutex_trylock(lock)) {
    case EBUSY:
      r = 1;
      break;
    default:
      pthread_mutex_unlock(lock);
      break;
  }
  return r;
}

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++) {
    spin_lock(&alloc_lock);
    allocated++;
    pthread_mutex_unlock(&alloc_lock);
    relock_on_success(&other_lock);
    others++;
    pthread_mutex_unlock(&other_lock);
  }
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return status_of(&alloc_lock) + (int)(allocated + others) % 2;
}
