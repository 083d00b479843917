// See all.c: start and join under `if (n > 1)` each, n halved between.
#include "worker.h"

static void fill(int n) {
  pthread_t *h = calloc(n, sizeof(pthread_t));
  for (int i = 0; i < n; i++) {
    if (n > 1)
      pthread_create(h + i, 0, worker, 0);
  }
  n = n / 2;
  if (n > 1) {
    for (int j = 0; j < n; j++)
      pthread_join(h[j], 0);
  }
  free(h);
}

int main(int argc, char **argv) {
  (void)argv;
  fill(argc + 3);
  count *= 2;  // EXPECT: unlocked-rmw count
  return 0;
}
