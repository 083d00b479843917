// `p = calloc(n, sizeof(*p))` does not read p: the operand of sizeof (and _Alignof) is not
// evaluated, so the store is a plain write of `slots`, not a read-modify-write
// (multipath-tools' uxsock_listen(): `polls = calloc(1, max_pfds * sizeof(*polls))`). The
// counter every worker bumps without a lock is a real lost update.
// STATIC-RUN:
// TSAN: racy
#include <pthread.h>
#include <stdlib.h>

static int *slots;
static long served;

static void *worker(void *arg) {
  slots = calloc(4, sizeof(*slots) + _Alignof(__typeof__(*slots)));
  served = served + 1;  // EXPECT-STATIC: unlocked-rmw served
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  free(slots);
  return 0;
}
