// See all.c: a return between the start and the join.
#include "worker.h"

static int fill(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, worker, 0);
  if (pthread_create(&t2, 0, worker, 0) != 0)
    return -1;
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}

int main(void) {
  fill();
  count *= 2;  // EXPECT: unlocked-rmw count
  return 0;
}
