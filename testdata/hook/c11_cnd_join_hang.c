// The C11 counterpart of cond_wait_no_signaller.c and join_holding_lock.c: a consumer waits on a
// condition (cnd_wait) for a flag nobody sets, holding H; a second thread blocks taking H
// (mtx_lock); main waits to join the consumer (thrd_join). No thread is left that could signal:
// every thread of the process is blocked in a wait the hook knows, so the hang ends with
// actual-deadlock (status 67) naming the condition, the lock and the join. The hook sees these
// calls only because it intercepts the C11 functions themselves (glibc's call its pthread
// internals past any interposer).
// (One EXPECT per line: actual-deadlock is expected on each thread's wait.)
// HOOK-RUN: exit=67 timeout=30
// (No TSan oracle: ThreadSanitizer 19 crashes in threads made by thrd_create.)
#include <stdbool.h>
#include <threads.h>

mtx_t H, M;
cnd_t Ready;
bool ready;  // under M; never set
bool waiting;  // under M

static int consumer(void *arg) {
  (void)arg;
  mtx_lock(&H);
  mtx_lock(&M);
  waiting = true;
  while (!ready)
    cnd_wait(&Ready, &M);  // EXPECT: actual-deadlock
  mtx_unlock(&M);
  mtx_unlock(&H);
  return 0;
}

static int blocked(void *arg) {
  (void)arg;
  for (;;) {  // until the consumer waits, holding H
    mtx_lock(&M);
    bool w = waiting;
    mtx_unlock(&M);
    if (w) break;
    thrd_yield();
  }
  mtx_lock(&H);  // EXPECT: actual-deadlock
  mtx_unlock(&H);
  return 0;
}

int main(void) {
  mtx_init(&H, mtx_plain);
  mtx_init(&M, mtx_plain);
  cnd_init(&Ready);
  thrd_t c, b;
  thrd_create(&c, consumer, NULL);
  thrd_create(&b, blocked, NULL);
  thrd_join(c, NULL);  // EXPECT: actual-deadlock
  thrd_join(b, NULL);
  return 0;
}
