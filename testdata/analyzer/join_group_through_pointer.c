// mafft's guide-tree loop: the thread handles are a calloc'd block held by a pointer
// (`pthread_t *handle`), filled as `pthread_create(handle + j, ...)` and joined as
// `pthread_join(handle[j], ...)`. Each round starts and joins its workers, so the write of
// `alg` at the top of the next round runs while no worker is alive (before: the handles were
// not named, the first round's workers counted as running to the end of the function, and the
// restore was reported as an unlocked read-modify-write of a datum the workers lock).
// `fill()` starts readers and joins them all before it returns (mafft's fillimp_file()), and
// both the main thread and the workers call it: a reader runs only inside a call of fill(), so
// the restore of `cache` in the next round is not concurrent with one either (before: fill()
// being called from a thread made its readers run everywhere).
// `run_overlapping()` writes `level` and `cache` between the start and the join of its
// workers, which update `level` under `mu` and call fill(), whose readers update `cache` under
// `cmu`: both reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

static int alg, level, cache;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t cmu = PTHREAD_MUTEX_INITIALIZER;

static void *reader(void *a) {
  pthread_mutex_lock(&cmu);
  cache = cache + 1;
  pthread_mutex_unlock(&cmu);
  return a;
}

static void fill(int n) {
  pthread_t *h = calloc(n, sizeof(pthread_t));
  for (int i = 0; i < n; i++)
    pthread_create(h + i, 0, reader, 0);
  for (int j = 0; j < n; j++)
    pthread_join(h[j], 0);
  free(h);
}

static void *treebase(void *a) {
  pthread_mutex_lock(&mu);
  alg = alg + 1;
  level = level + 1;
  pthread_mutex_unlock(&mu);
  fill(2);
  return a;
}

static void *distances(void *a) { return a; }

int run(int n, int x) {
  int algbackup = alg, cachebackup = cache;
  fill(4);
  pthread_t *handle = calloc(4, sizeof(pthread_t));
  if (x) {
    for (int j = 0; j < 4; j++)
      pthread_create(handle + j, 0, distances, 0);
    for (int j = 0; j < 4; j++)
      pthread_join(handle[j], 0);
  }
  for (int it = 0; it < n; it++) {
    alg = algbackup;
    cache = cachebackup;
    for (int j = 0; j < 4; j++)
      pthread_create(handle + j, 0, treebase, 0);
    for (int j = 0; j < 4; j++)
      pthread_join(handle[j], 0);
  }
  free(handle);
  return 0;
}

int run_overlapping(int n) {
  pthread_t *h = malloc(4 * sizeof(pthread_t));
  for (int j = 0; j < 4; j++)
    pthread_create(h + j, 0, treebase, 0);
  level = level + n;  // EXPECT: unlocked-rmw level
  cache = cache * 2;  // EXPECT: unlocked-rmw cache
  for (int j = 0; j < 4; j++)
    pthread_join(h[j], 0);
  free(h);
  return 0;
}

int main(int argc, char **argv) {
  run(argc, argc > 1);
  return run_overlapping(argc);
}
