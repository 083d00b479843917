// STATIC-RUN:
// Twins of nonnull_argument.c: a pointer that may be null at the call keeps the callee's
// `if (NULL == ctx)` branch, which takes the lock the caller holds - a pointer checked on
// one branch only, one assigned NULL on one path, a literal NULL. Self-deadlocks.
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

int reset_maybe(struct context *ctx, int check) {
  if (check && !ctx)
    return -1;
  pthread_mutex_lock(&default_context_lock);
  set_option(ctx, 0);  // EXPECT-STATIC: self-deadlock default_context_lock
  pthread_mutex_unlock(&default_context_lock);
  return 0;
}

int reset_fresh(int flag) {
  struct context *c = malloc(sizeof(*c));
  if (flag)
    c = NULL;
  pthread_mutex_lock(&default_context_lock);
  set_option(c, 1);  // EXPECT-STATIC: self-deadlock default_context_lock
  pthread_mutex_unlock(&default_context_lock);
  free(c);
  return 0;
}

int reset_default(void) {
  pthread_mutex_lock(&default_context_lock);
  set_option(NULL, 3);  // EXPECT-STATIC: self-deadlock default_context_lock
  pthread_mutex_unlock(&default_context_lock);
  return 0;
}
