// See all.c: the join under a condition the start is not under.
#include "worker.h"

static void fill(int wait) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  if (wait)
    pthread_join(t, 0);
  else
    pthread_detach(t);
}

int main(int argc, char **argv) {
  (void)argv;
  fill(argc > 1);
  count *= 2;  // EXPECT: unlocked-rmw count
  return 0;
}
