// A C11 condition wait (cnd_wait) while holding a lock other than the condition's mutex is
// wait-holding, as with pthread_cond_wait: the hook sees cnd_wait only because it intercepts it
// (glibc's cnd_wait calls its pthread internals directly, past any interposer).
// HOOK-RUN:
// (No TSan oracle: ThreadSanitizer 19 crashes in threads made by thrd_create.)
#include <stdbool.h>
#include <threads.h>

mtx_t H, M;
cnd_t C, Waiting;
bool waiting, ready;  // under M

static int waiter(void *arg) {
  (void)arg;
  mtx_lock(&H);
  mtx_lock(&M);
  waiting = true;
  cnd_signal(&Waiting);
  while (!ready)
    cnd_wait(&C, &M);  // EXPECT: wait-holding H
  mtx_unlock(&M);
  mtx_unlock(&H);
  return 0;
}

static int signaler(void *arg) {
  (void)arg;
  mtx_lock(&M);
  while (!waiting) cnd_wait(&Waiting, &M);
  ready = true;
  cnd_signal(&C);
  mtx_unlock(&M);
  return 0;
}

int main(void) {
  mtx_init(&H, mtx_plain);
  mtx_init(&M, mtx_plain);
  cnd_init(&C);
  cnd_init(&Waiting);
  thrd_t t1, t2;
  thrd_create(&t1, waiter, NULL);
  thrd_create(&t2, signaler, NULL);
  thrd_join(t1, NULL);
  thrd_join(t2, NULL);
  return 0;
}
