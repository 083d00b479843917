// A compound flag test on fields of a worker, repeated around the code it protects (a DNS
// library's `if (!w->is_bg || w->is_bg_thread) lock(&ctx->cfglock)`), with a checked lock
// macro that only logs a failure, calls in between that do not receive the worker, early
// returns, and a helper that takes the lock under a parameter computed from the same flags.
// The fields are not written between the tests: each test takes the branch the first one
// took, so the lock is released wherever it was taken and taking it again is no
// self-deadlock. Nothing here is a finding.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOCKRET(func)                                                                          \
  do {                                                                                         \
    int err;                                                                                   \
    if ((err = (func)) != 0)                                                                   \
      fprintf(stderr, "%s at %d could not " #func ": %s\n", __FILE__, __LINE__, strerror(err)); \
  } while (0)
#define lock_basic_lock(lock) LOCKRET(pthread_mutex_lock(lock))
#define lock_basic_unlock(lock) LOCKRET(pthread_mutex_unlock(lock))

struct ctx {
  pthread_mutex_t cfglock;
  int nhints;
};
struct worker {
  int is_bg, is_bg_thread;
  struct ctx *ctx;
  int *env, *hints;
};

static int *make_hints(struct ctx *ctx, int locking) {
  int *h;
  if (locking) {
    lock_basic_lock(&ctx->cfglock);
  }
  ctx->nhints++;
  h = calloc(4, sizeof(int));
  if (locking) {
    lock_basic_unlock(&ctx->cfglock);
  }
  return h;
}

static struct worker *worker_setup(struct ctx *ctx, int is_bg) {
  struct worker *w = calloc(1, sizeof(*w));
  if (!w)
    return NULL;
  w->is_bg = is_bg;
  w->ctx = ctx;
  w->hints = make_hints(ctx, !w->is_bg || w->is_bg_thread);
  if (!w->is_bg || w->is_bg_thread) {
    lock_basic_lock(&ctx->cfglock);
  }
  w->env = calloc(1, sizeof(int));
  if (!w->hints) {
    free(w->env);
    w->env = NULL;
  }
  if (!w->is_bg || w->is_bg_thread) {
    lock_basic_unlock(&ctx->cfglock);
  }
  if (!w->env) {
    free(w);
    return NULL;
  }
  if (!w->is_bg || w->is_bg_thread) {
    lock_basic_lock(&ctx->cfglock);
  }
  ctx->nhints--;
  if (!w->is_bg || w->is_bg_thread) {
    lock_basic_unlock(&ctx->cfglock);
  }
  return w;
}

static struct ctx the_ctx = {PTHREAD_MUTEX_INITIALIZER, 0};

static void *run(void *arg) {
  for (int i = 0; i < 10; i++) {
    struct worker *w = worker_setup(&the_ctx, arg != NULL);
    if (w) {
      free(w->hints);
      free(w->env);
      free(w);
    }
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, run, NULL);
  pthread_create(&b, NULL, run, &a);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
