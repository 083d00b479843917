// One inversion seen through a longer path: flush() holds A while it takes B and then C, so
// the lock graph has A -> B, B -> C and A -> C; drain() takes C then A. The cycle A => C => A
// is the deadlock. A => B => C => A is not another one: the thread that would wait at B -> C
// holds A, which the thread waiting at A -> B must hold too. The analyzer reports the short
// cycle only. (The runtime hook, whose edges start at the most recent lock held, names the
// same inversion A => B => C => A: static-only expectations; not run, it can deadlock.)
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
long flushed, drained;

static void *flush(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&C);  // EXPECT-STATIC: lock-order-inversion A => C => A
  flushed++;
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return arg;
}

static void *drain(void *arg) {
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&A);  // EXPECT-STATIC: lock-order-inversion A => C => A
  drained++;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&C);
  return arg;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, flush, NULL);
  pthread_create(&t2, NULL, drain, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
