// When does a function that starts threads end them all before it returns, so that the code
// after its call runs beside none of them? Each file is one program: its main() calls one such
// function, then updates `count`, which the workers update under `mu`.
// all.c: `fill()` starts its workers into a block of handles in a loop and joins them all in a
// loop (mafft's calcnearest_para()): the update after the call is alone - not reported. The
// other files leave a thread running past the return, and the update races with it - reported:
// single.c (four starts into one handle, one join), early.c (a return between the start and the
// join), maybe.c (the join under a condition the start is not under), if_changed.c (start and
// join under `if (n > 1)` each, n halved between). if.c (mafft's fillimp_file()): start and
// join under two tests of one unchanged condition - not reported.
// STATIC-RUN:
#include "worker.h"

static void fill(int n) {
  pthread_t *h = calloc(n, sizeof(pthread_t));
  for (int i = 0; i < n; i++)
    pthread_create(h + i, 0, worker, 0);
  for (int i = 0; i < n; i++)
    pthread_join(h[i], 0);
  free(h);
}

int main(int argc, char **argv) {
  (void)argv;
  fill(argc + 1);
  count *= 2;
  return 0;
}
