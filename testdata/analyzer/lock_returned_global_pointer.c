// STATIC-RUN:
// A function that takes a global lock and returns a pointer to it (`pthread_mutex_t
// *log_dir_lock_take(void)`, or the same as a `void *`): the caller releases the lock through the
// pointer it got. That release is of the lock the call took: no self-deadlock when the loop takes
// it again, and no order from it to what the caller takes after the release. An order taken while
// the returned lock is still held is an order all the same: the inversion with flusher() is real.
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int recovering, dirs, stats;

static pthread_mutex_t *log_dir_lock_take(void) {
  pthread_mutex_lock(&dir_lock);
  return &dir_lock;
}

static void *log_dir_lock_any(void) {
  pthread_mutex_lock(&dir_lock);
  return (void *)(&dir_lock);
}

static void *recovery_waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&state_lock);
  while (recovering) {
    pthread_mutex_unlock(&state_lock);
    sleep(1);
    pthread_mutex_lock(&state_lock);
    pthread_mutex_t *l = log_dir_lock_take();
    dirs++;
    pthread_mutex_unlock(l);
    void *m = log_dir_lock_any();
    dirs++;
    pthread_mutex_unlock(m);
  }
  pthread_mutex_unlock(&state_lock);
  pthread_mutex_t *l = log_dir_lock_take();
  pthread_mutex_unlock(l);
  pthread_mutex_lock(&stats_lock);
  stats++;
  pthread_mutex_unlock(&stats_lock);
  l = log_dir_lock_take();
  pthread_mutex_lock(&stats_lock);  // EXPECT-STATIC: lock-order-inversion dir_lock => stats_lock => dir_lock
  stats++;
  pthread_mutex_unlock(&stats_lock);
  pthread_mutex_unlock(l);
  return NULL;
}

static void *flusher(void *arg) {
  (void)arg;
  pthread_mutex_lock(&stats_lock);
  pthread_mutex_lock(&dir_lock);  // EXPECT-STATIC: lock-order-inversion dir_lock => stats_lock => dir_lock
  dirs += stats;
  pthread_mutex_unlock(&dir_lock);
  pthread_mutex_unlock(&stats_lock);
  pthread_mutex_lock(&state_lock);
  recovering = 0;
  pthread_mutex_unlock(&state_lock);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  recovering = 1;
  pthread_create(&a, NULL, recovery_waiter, NULL);
  pthread_create(&b, NULL, flusher, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
