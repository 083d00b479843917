// Two orders between two locks. A and B: one side releases A through pthread_cleanup_pop(1)
// before it takes B, so only B => A is ever held: no cycle. C and D: the same shape with
// pthread_cleanup_pop(0), which leaves C held while D is taken: a real inversion.
// STATIC-RUN:
#include <pthread.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t D = PTHREAD_MUTEX_INITIALIZER;
static long a, b, c, d;

static void unlock_cb(void *arg) { pthread_mutex_unlock((pthread_mutex_t *)arg); }

static void a_then_b(void) {
  pthread_mutex_lock(&A);
  pthread_cleanup_push(unlock_cb, &A);
  a++;
  pthread_cleanup_pop(1);
  pthread_mutex_lock(&B);
  b++;
  pthread_mutex_unlock(&B);
}

static void b_then_a(void) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  a++;
  b++;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
}

static void c_then_d(void) {
  pthread_mutex_lock(&C);  // EXPECT-STATIC: lock-order-inversion C => D => C
  pthread_cleanup_push(unlock_cb, &C);
  c++;
  pthread_cleanup_pop(0);
  pthread_mutex_lock(&D);  // EXPECT-STATIC: lock-order-inversion C => D => C
  d++;
  pthread_mutex_unlock(&D);
  pthread_mutex_unlock(&C);
}

static void d_then_c(void) {
  pthread_mutex_lock(&D);  // EXPECT-STATIC: lock-order-inversion C => D => C
  pthread_mutex_lock(&C);  // EXPECT-STATIC: lock-order-inversion C => D => C
  c++;
  d++;
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&D);
}

static void *t1(void *arg) {
  a_then_b();
  c_then_d();
  return arg;
}

static void *t2(void *arg) {
  b_then_a();
  d_then_c();
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
