// C11 threads: glibc implements mtx_lock and cnd_wait on its pthread internals, which it calls
// directly, past any interposer, so they are intercepted on their own (common/lock_api.inc,
// families C11Mutex and C11Cond). Two threads alive at the same time take A then B and B then
// A with mtx_lock: a lock-order inversion. A recursive mtx_t re-entered is no self-deadlock, and
// a condition wait with cnd_wait releases and re-takes its mutex (nothing else is reported).
// HOOK-RUN:
// (No TSan oracle: ThreadSanitizer 19 crashes in threads made by thrd_create.)
#include <stdbool.h>
#include <threads.h>

mtx_t A, B, R, M;
cnd_t C;
bool first_done, second_done;  // under M

static void wait_for(bool *flag) {
  mtx_lock(&M);
  while (!*flag) cnd_wait(&C, &M);
  mtx_unlock(&M);
}

static void set(bool *flag) {
  mtx_lock(&M);
  *flag = true;
  cnd_broadcast(&C);
  mtx_unlock(&M);
}

static int first(void *arg) {
  (void)arg;
  mtx_lock(&A);
  mtx_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  mtx_unlock(&B);
  mtx_unlock(&A);
  set(&first_done);
  wait_for(&second_done);  // stay alive until the other thread is done
  return 0;
}

static int second(void *arg) {
  (void)arg;
  wait_for(&first_done);
  mtx_lock(&B);
  mtx_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  mtx_unlock(&A);
  mtx_unlock(&B);
  set(&second_done);
  return 0;
}

int main(void) {
  mtx_init(&A, mtx_plain);
  mtx_init(&B, mtx_plain);
  mtx_init(&M, mtx_plain);
  mtx_init(&R, mtx_recursive);
  cnd_init(&C);
  mtx_lock(&R);
  mtx_lock(&R);
  mtx_unlock(&R);
  mtx_unlock(&R);
  thrd_t t1, t2;
  thrd_create(&t1, first, NULL);
  thrd_create(&t2, second, NULL);
  thrd_join(t1, NULL);
  thrd_join(t2, NULL);
  mtx_destroy(&A);
  mtx_destroy(&B);
  mtx_destroy(&M);
  mtx_destroy(&R);
  cnd_destroy(&C);
  return 0;
}
