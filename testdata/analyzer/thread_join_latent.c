// The maintenance thread takes A, then B through pause_all(); main takes B then A only after
// stop_maintenance() has joined that thread (the global handle maint_tid that pthread_create
// wrote). The two orders can never be taken at the same time: a latent-lock-order (threads
// ordered by create/join), not a lock-order-inversion. memcached's pause_threads() /
// stop_threads() in miniature. The counterpart of thread_join_missing.c.
// HOOK-RUN:
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stddef.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static pthread_t maint_tid;

static void pause_all(void) {
  pthread_mutex_lock(&B);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&B);
}

static void *maintenance(void *arg) {
  pthread_mutex_lock(&A);
  pause_all();
  pthread_mutex_unlock(&A);
  return arg;
}

static void start_maintenance(void) { pthread_create(&maint_tid, NULL, maintenance, NULL); }

static void stop_maintenance(void) { pthread_join(maint_tid, NULL); }

static void stop_all(void) {
  stop_maintenance();
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
}

int main(void) {
  start_maintenance();
  stop_all();
  return 0;
}
