// The allocator of this program (see queue.c), in a TU of its own: every return of
// x_malloc() is what malloc() returned (pulseaudio's pa_xmalloc(), glib's g_malloc()).
#include <stdlib.h>

void oom(void);

void *x_malloc(size_t n) {
  void *p;
  if (!(p = malloc(n)))
    oom();
  return p;
}

void *x_malloc0(size_t n) {
  if (n == 0)
    return NULL;
  return calloc(1, n);
}

// Not an allocator: one of its returns is an object others already see.
static char pool[4096];
void *x_pool_or_malloc(size_t n) {
  if (n <= sizeof pool)
    return pool;
  return x_malloc(n);
}

void oom(void) { abort(); }
