#include <stddef.h>

// Raises an error: logs it under 'log_lock' and longjmps to the thread's handler (ruby's
// rb_raise(), declared NORETURN in its headers and defined in error.c).
__attribute__((noreturn)) void raise_error(const char *what);

// ruby's rbimpl_size_mul_or_raise(): raises only when the product overflows.
static inline size_t checked_mul(size_t n, size_t size) {
  if (size != 0 && n > (size_t)-1 / size)
    raise_error("size overflow");
  return n * size;
}

extern void *grow_worker(void *arg);
