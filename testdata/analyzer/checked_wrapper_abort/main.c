// STATIC-RUN:
#include <pthread.h>

#include "mutex.h"

static xmutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static xrwlock_t loops_lock = PTHREAD_RWLOCK_INITIALIZER;
static long queued, loops;

static void *submitter(void *p) {
  (void)p;
  xmutex_lock(&queue_lock);     // EXPECT: lock-order-inversion queue_lock => loops_lock => queue_lock
  queued++;
  xrwlock_wrlock(&loops_lock);  // EXPECT: lock-order-inversion queue_lock => loops_lock => queue_lock
  loops++;
  xrwlock_wrunlock(&loops_lock);
  xmutex_unlock(&queue_lock);
  return 0;
}

static void *closer(void *p) {
  (void)p;
  xrwlock_wrlock(&loops_lock);  // EXPECT: lock-order-inversion queue_lock => loops_lock => queue_lock
  loops--;
  xmutex_lock(&queue_lock);     // EXPECT: lock-order-inversion queue_lock => loops_lock => queue_lock
  queued--;
  xmutex_unlock(&queue_lock);
  xrwlock_wrunlock(&loops_lock);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, submitter, 0);
  pthread_create(&b, 0, closer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
