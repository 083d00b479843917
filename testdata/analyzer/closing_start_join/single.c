// See all.c: four starts into one handle, one join.
#include "worker.h"

static void fill(void) {
  pthread_t t;
  for (int i = 0; i < 4; i++)
    pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
}

int main(void) {
  fill();
  count *= 2;  // EXPECT: unlocked-rmw count
  return 0;
}
