// STATIC-RUN:
// A pointer argument the calling path knows is not null selects the callee's branch for a
// non-null pointer, as a constant argument selects its branch: libusb's libusb_init() holds
// default_context_lock, allocates a context, returns if that failed, and calls
// libusb_set_option(_ctx, ...), which takes default_context_lock only `if (NULL == ctx)`
// (the default context's options). Not null: an allocation after its NULL check, a
// parameter after `if (!p) return`, `&x`, an array. No self-deadlock. The twins, a pointer
// that may be null there, are nonnull_argument_maybe.c.
#include <pthread.h>
#include <stdlib.h>

struct context {
  pthread_mutex_t lock;
  int debug;
  int options[4];
};

static pthread_mutex_t default_context_lock = PTHREAD_MUTEX_INITIALIZER;
static int default_options[4];
static struct context static_ctx;
static struct context ctx_array[2];

static int set_option(struct context *ctx, int option) {
  if (option < 0 || option >= 4)
    return -1;
  if (NULL == ctx) {
    pthread_mutex_lock(&default_context_lock);
    default_options[option] = 1;
    pthread_mutex_unlock(&default_context_lock);
  }
  if (!ctx)
    return 0;
  ctx->options[option] = 1;
  return 0;
}

int init(struct context **out) {
  struct context *_ctx;
  pthread_mutex_lock(&default_context_lock);
  _ctx = calloc(1, sizeof(*_ctx));
  if (!_ctx) {
    pthread_mutex_unlock(&default_context_lock);
    return -1;
  }
  for (int option = 0; option < 4; option++) {
    if (!default_options[option])
      continue;
    if (set_option(_ctx, option) != 0)
      goto err;
  }
  if (out)
    *out = _ctx;
  pthread_mutex_unlock(&default_context_lock);
  return 0;
err:
  pthread_mutex_unlock(&default_context_lock);
  free(_ctx);
  return -1;
}

int reset_options(struct context *ctx) {
  if (!ctx)
    return -1;
  pthread_mutex_lock(&default_context_lock);
  for (int option = 0; option < 4; option++)
    set_option(ctx, option);
  set_option(&static_ctx, 0);
  set_option(ctx_array, 1);
  pthread_mutex_unlock(&default_context_lock);
  return 0;
}
