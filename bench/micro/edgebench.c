/* edgebench: the cost of a *new* lock-order edge (the hook's slow path) and how it scales with
 * the size of the lock graph.
 *
 * Usage: edgebench MODE N
 *
 * N mutexes are created (in index order); then N-1 (or N) new edges are made, each by locking
 * one mutex and, while holding it, another (every pair is taken once, so every acquisition
 * pair is a new edge for a lock-order tool):
 *   forward   i -> i+1 for i = 0..N-2: edges agree with the creation order (the common case).
 *   backward  i+1 -> i for i = N-2..0: every edge contradicts the current order, and the part
 *             of the graph to reorder grows with each edge (the worst case of incremental
 *             topological ordering).
 *   random    N edges between random pairs (a, b), a < b, taken a then b: a consistent order,
 *             met in random order (a large graph, no cycle).
 *
 * Output: RESULT mode=M n=N edges=E elapsed_ns=T ns_per_edge=X ns_per_op=X
 * The time is that of the edge-making loop only (lock creation is outside).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static pthread_mutex_t *locks;

static void pair(long a, long b) {
  pthread_mutex_lock(&locks[a]);
  pthread_mutex_lock(&locks[b]);
  pthread_mutex_unlock(&locks[b]);
  pthread_mutex_unlock(&locks[a]);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: edgebench forward|backward|random N\n");
    return 2;
  }
  const char *mode = argv[1];
  long n = atol(argv[2]);
  if (n < 2) return 2;
  locks = malloc(sizeof(*locks) * (size_t)n);
  for (long i = 0; i < n; i++) pthread_mutex_init(&locks[i], NULL);
  uint64_t seed = 88172645463325252ull;
  long edges = 0;
  uint64_t t0 = now_ns();
  if (strcmp(mode, "forward") == 0) {
    for (long i = 0; i + 1 < n; i++, edges++) pair(i, i + 1);
  } else if (strcmp(mode, "backward") == 0) {
    for (long i = n - 2; i >= 0; i--, edges++) pair(i + 1, i);
  } else if (strcmp(mode, "random") == 0) {
    for (long k = 0; k < n; k++, edges++) {
      seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
      long a = (long)(seed % (uint64_t)n);
      seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
      long b = (long)(seed % (uint64_t)n);
      if (a == b) b = (b + 1) % n;
      if (a > b) { long t = a; a = b; b = t; }
      pair(a, b);
    }
  } else {
    fprintf(stderr, "edgebench: unknown mode %s\n", mode);
    return 2;
  }
  uint64_t t1 = now_ns();
  double per = (double)(t1 - t0) / (double)edges;
  printf("RESULT mode=%s n=%ld edges=%ld elapsed_ns=%llu ns_per_edge=%.1f ns_per_op=%.1f\n", mode, n,
         edges, (unsigned long long)(t1 - t0), per, per);
  return 0;
}
