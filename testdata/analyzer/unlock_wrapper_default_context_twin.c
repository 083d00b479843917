// STATIC-RUN:
// Twins of unlock_wrapper_default_context.c: the `goto retry` back-edge without the release
// takes the waiters lock again while it is held (self-deadlock), and so does an unlock wrapper
// whose pointer is really another object after `ctx = next_context(ctx)`, which does not hand
// back its argument: the release is of an unknown instance, the lock through ctx stays held.
#include <pthread.h>
#include <stddef.h>

struct context {
  pthread_mutex_t waiters_lock;
  int handler_active;
  struct context *next;
};

static struct context *default_context;

static inline struct context *get_context(struct context *ctx) {
  return ctx ? ctx : default_context;
}

static struct context *next_context(struct context *ctx) {
  if (ctx->next)
    return ctx->next;
  return ctx;
}

void lock_event_waiters(struct context *ctx) {
  ctx = get_context(ctx);
  pthread_mutex_lock(&ctx->waiters_lock);
}

void unlock_event_waiters(struct context *ctx) {
  ctx = get_context(ctx);
  pthread_mutex_unlock(&ctx->waiters_lock);
}

void unlock_next_waiters(struct context *ctx) {
  ctx = next_context(ctx);
  pthread_mutex_unlock(&ctx->waiters_lock);
}

int event_handler_active(struct context *ctx) {
  ctx = get_context(ctx);
  return ctx->handler_active;
}

int retry_without_release(struct context *ctx) {
  int tries = 0;
retry:
  lock_event_waiters(ctx);  // EXPECT-STATIC: self-deadlock context::waiters_lock
  if (!event_handler_active(ctx) && tries++ < 3)
    goto retry;
  unlock_event_waiters(ctx);
  return tries;
}

int retry_release_other(struct context *ctx) {
  int tries = 0;
again:
  lock_event_waiters(ctx);  // EXPECT-STATIC: self-deadlock context::waiters_lock
  if (!event_handler_active(ctx) && tries++ < 3) {
    unlock_next_waiters(ctx);
    goto again;
  }
  unlock_event_waiters(ctx);
  return tries;
}

static void *event_thread(void *arg) {
  retry_without_release(arg);
  retry_release_other(arg);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, event_thread, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
