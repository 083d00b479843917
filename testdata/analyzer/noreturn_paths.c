// Paths that end in a call that never returns (abort, exit, a function declared noreturn) do
// not reach the function's end: lock_or_die() returns with the lock held on every path that
// returns, so it is a lock wrapper, and the two orders through it are a cycle.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static long a, b;

__attribute__((noreturn)) static void die(const char *what) {
  fputs(what, stderr);
  exit(2);
}

static void lock_or_die(pthread_mutex_t *m) {
  if (pthread_mutex_lock(m) != 0)
    abort();
}

static void lock_or_exit(pthread_mutex_t *m) {
  int rc = pthread_mutex_lock(m);
  if (rc != 0)
    die("cannot lock\n");
}

static void a_then_b(void) {
  lock_or_die(&A);  // EXPECT-STATIC: lock-order-inversion A => B => A
  lock_or_exit(&B);  // EXPECT-STATIC: lock-order-inversion A => B => A
  a++;
  b++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void b_then_a(void) {
  lock_or_exit(&B);  // EXPECT-STATIC: lock-order-inversion A => B => A
  lock_or_die(&A);  // EXPECT-STATIC: lock-order-inversion A => B => A
  a--;
  b--;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
}

static void *t1(void *arg) {
  a_then_b();
  return arg;
}

static void *t2(void *arg) {
  b_then_a();
  return arg;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, t1, 0);
  pthread_create(&y, 0, t2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
