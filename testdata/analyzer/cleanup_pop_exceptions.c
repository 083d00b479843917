// C built with -fexceptions: glibc's pthread_cleanup_push is then a frame with a cleanup
// attribute (__pthread_cleanup_frame) whose end of scope runs the handler unless the pop set
// execute to 0. pop(1) releases the lock (no self-deadlock when called twice, no order from
// 'pool::mu' to 'jobs'); pop(0) keeps it (a self-deadlock when taken again); a return inside
// the push/pop block runs the handler too.
// STATIC-COMPILE: -fexceptions
// STATIC-RUN:
#include <pthread.h>

struct pool {
  pthread_mutex_t mu;
  int running;
};

static struct pool p = {PTHREAD_MUTEX_INITIALIZER, 0};
static pthread_mutex_t jobs = PTHREAD_MUTEX_INITIALIZER;
static long njobs;

static void unlock_cb(void *arg) { pthread_mutex_unlock((pthread_mutex_t *)arg); }

static void pool_stop(struct pool *pl) {
  pthread_mutex_lock(&pl->mu);
  pthread_cleanup_push(unlock_cb, &pl->mu);
  pl->running = 0;
  pthread_cleanup_pop(1);
}

static int pool_running(struct pool *pl) {
  pthread_mutex_lock(&pl->mu);
  pthread_cleanup_push(unlock_cb, &pl->mu);
  return pl->running;  // leaves the frame: its cleanup runs the handler, unlocked
  pthread_cleanup_pop(1);
}

static void pool_add(struct pool *pl) {
  pthread_mutex_lock(&jobs);
  njobs++;
  pthread_mutex_lock(&pl->mu);
  pl->running++;
  pthread_mutex_unlock(&pl->mu);
  pthread_mutex_unlock(&jobs);
}

static void pool_relock(struct pool *pl) {
  pthread_mutex_lock(&pl->mu);
  pthread_cleanup_push(unlock_cb, &pl->mu);
  pl->running++;
  pthread_cleanup_pop(0);
  pthread_mutex_lock(&pl->mu);  // EXPECT-STATIC: self-deadlock pool::mu
  pthread_mutex_unlock(&pl->mu);
}

static void *stopper(void *arg) {
  pool_stop(&p);
  pool_stop(&p);
  pool_running(&p);
  pool_running(&p);
  pthread_mutex_lock(&jobs);
  njobs = 0;
  pthread_mutex_unlock(&jobs);
  pool_relock(&p);
  return arg;
}

static void *adder(void *arg) {
  pool_add(&p);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, adder, 0);
  pthread_create(&b, 0, stopper, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
