// pthread_cleanup_pop(0) removes the handler without running it: the lock stays held. Taking
// it again is a self-deadlock, in the same function and in the caller of a function that
// returns with it held. The cancellation path (the handler, then __pthread_unwind_next, which
// never returns) does not make the lock look released at the function's end.
// STATIC-RUN:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t n = PTHREAD_MUTEX_INITIALIZER;
static long work, more;

static void unlock_cb(void *arg) { pthread_mutex_unlock((pthread_mutex_t *)arg); }

static void relock_here(void) {
  pthread_mutex_lock(&m);
  pthread_cleanup_push(unlock_cb, &m);
  work++;
  pthread_cleanup_pop(0);
  pthread_mutex_lock(&m);  // EXPECT-STATIC: self-deadlock m
  work++;
  pthread_mutex_unlock(&m);
}

// returns with n held (the caller unlocks it)
static void take_n(void) {
  pthread_mutex_lock(&n);
  pthread_cleanup_push(unlock_cb, &n);
  more++;
  pthread_cleanup_pop(0);
}

static void relock_in_caller(void) {
  take_n();
  pthread_mutex_lock(&n);  // EXPECT-STATIC: self-deadlock n
  more++;
  pthread_mutex_unlock(&n);
}

static void *worker(void *arg) {
  relock_here();
  relock_in_caller();
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
