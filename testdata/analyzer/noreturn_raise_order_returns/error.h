#include <stddef.h>

// Reports an error under 'log_lock' and returns: the caller goes on.
void raise_error(const char *what);

// Reports an overflow and returns 0.
static inline size_t checked_mul(size_t n, size_t size) {
  if (size != 0 && n > (size_t)-1 / size) {
    raise_error("size overflow");
    return 0;
  }
  return n * size;
}

extern void *grow_worker(void *arg);
