// A C11 condition wait (cnd_timedwait) while holding a lock H other than the condition's mutex,
// when the thread that signals the condition needs H: wait-holding, as with pthread_cond_wait.
// The waiter waits on C holding H (a bounded wait); the signaler, who needs H to signal C, blocks
// on H until the wait times out, then signals holding H: reported there, naming the wait that
// held H. The hook sees cnd_timedwait and cnd_signal only because it intercepts them (glibc's C11
// functions call its pthread internals directly, past any interposer). (A wait holding a lock no
// signaller needs is not reported: wait_holding_benign.c.)
// HOOK-RUN:
// (No TSan oracle: ThreadSanitizer 19 crashes in threads made by thrd_create.)
#include <stdbool.h>
#include <threads.h>
#include <time.h>

mtx_t H, M;
cnd_t C, Waiting;
bool waiting, ready;  // under M; M is held from `waiting = true` until the wait releases it

static int waiter(void *arg) {
  (void)arg;
  mtx_lock(&H);
  mtx_lock(&M);
  waiting = true;
  cnd_signal(&Waiting);
  struct timespec deadline;
  timespec_get(&deadline, TIME_UTC);
  deadline.tv_nsec += 200 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  while (!ready && cnd_timedwait(&C, &M, &deadline) == thrd_success) {  // EXPECT: wait-holding H
  }
  mtx_unlock(&M);
  mtx_unlock(&H);
  return 0;
}

static int signaler(void *arg) {
  (void)arg;
  mtx_lock(&M);
  while (!waiting)  // then the waiter is in its wait, holding H
    cnd_wait(&Waiting, &M);
  mtx_unlock(&M);
  mtx_lock(&H);  // blocks until the waiter gives up
  mtx_lock(&M);
  ready = true;
  cnd_signal(&C);  // EXPECT: wait-holding H
  mtx_unlock(&M);
  mtx_unlock(&H);
  return 0;
}

int main(void) {
  mtx_init(&H, mtx_plain);
  mtx_init(&M, mtx_plain);
  cnd_init(&C);
  cnd_init(&Waiting);
  thrd_t w, s;
  thrd_create(&w, waiter, NULL);
  thrd_create(&s, signaler, NULL);
  thrd_join(w, NULL);
  thrd_join(s, NULL);
  return 0;
}
