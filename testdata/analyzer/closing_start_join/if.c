// See all.c: start and join under two tests of one unchanged condition.
#include "worker.h"

static void fill(int n) {
  pthread_t *h = calloc(n, sizeof(pthread_t));
  for (int i = 0; i < n; i++) {
    if (n > 1)
      pthread_create(h + i, 0, worker, 0);
  }
  if (n > 1) {
    for (int j = 0; j < n; j++)
      pthread_join(h[j], 0);
  }
  free(h);
}

int main(int argc, char **argv) {
  (void)argv;
  fill(argc + 1);
  count *= 2;
  return 0;
}
