// STATIC-RUN:
// libusb's libusb_handle_events_timeout_completed(): when another thread handles events, it
// takes the waiters lock through libusb_lock_event_waiters(ctx), and on `goto retry` gives it
// back first through libusb_unlock_event_waiters(ctx). Each wrapper begins with
// `ctx = usbi_get_context(ctx)`, which returns ctx itself whenever it is not null (a default
// context only for NULL): the lock the caller holds through ctx is the one the wrapper
// releases, so the unlock wrapper is a release of its argument's lock and the retry runs
// without it. Also `c = c ? c : dflt` and `if (!c) c = dflt;` in the wrapper. No
// self-deadlock. The twins (unlock_wrapper_default_context_twin.c) go back holding the lock.
#include <pthread.h>
#include <stddef.h>

struct context {
  pthread_mutex_t events_lock;
  pthread_mutex_t waiters_lock;
  pthread_cond_t waiters_cond;
  int handler_active;
};

static struct context *default_context;
static struct context *fallback_context;

static inline struct context *get_context(struct context *ctx) {
  if (!ctx)
    ctx = default_context;
  if (!ctx)
    ctx = fallback_context;
  return ctx;
}

static inline void mutex_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static inline void mutex_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }
static inline void cond_wait(pthread_cond_t *c, pthread_mutex_t *m) { pthread_cond_wait(c, m); }

int try_lock_events(struct context *ctx) {
  ctx = get_context(ctx);
  if (pthread_mutex_trylock(&ctx->events_lock) != 0)
    return 1;
  ctx->handler_active = 1;
  return 0;
}

void unlock_events(struct context *ctx) {
  ctx = ctx ? ctx : default_context;
  ctx->handler_active = 0;
  mutex_unlock(&ctx->events_lock);
  mutex_lock(&ctx->waiters_lock);
  pthread_cond_broadcast(&ctx->waiters_cond);
  mutex_unlock(&ctx->waiters_lock);
}

void lock_event_waiters(struct context *ctx) {
  ctx = get_context(ctx);
  mutex_lock(&ctx->waiters_lock);
}

void unlock_event_waiters(struct context *ctx) {
  ctx = get_context(ctx);
  mutex_unlock(&ctx->waiters_lock);
}

void unlock_event_waiters_macro(struct context *ctx) {
  if (!ctx)
    ctx = default_context;
  mutex_unlock(&ctx->waiters_lock);
}

int event_handler_active(struct context *ctx) {
  ctx = get_context(ctx);
  return ctx->handler_active;
}

int wait_for_event(struct context *ctx) {
  ctx = get_context(ctx);
  cond_wait(&ctx->waiters_cond, &ctx->waiters_lock);
  return 0;
}

int handle_events(struct context *ctx, int *completed) {
  int r = 0;
  ctx = get_context(ctx);
retry:
  if (try_lock_events(ctx) == 0) {
    if (completed == NULL || !*completed)
      r = 1;
    unlock_events(ctx);
    return r;
  }
  lock_event_waiters(ctx);
  if (completed && *completed)
    goto already_done;
  if (!event_handler_active(ctx)) {
    unlock_event_waiters(ctx);
    goto retry;
  }
  r = wait_for_event(ctx);
already_done:
  unlock_event_waiters(ctx);
  return r;
}

int handle_events_macro(struct context *ctx) {
retry:
  if (try_lock_events(ctx) == 0) {
    unlock_events(ctx);
    return 1;
  }
  lock_event_waiters(ctx);
  if (!event_handler_active(ctx)) {
    unlock_event_waiters_macro(ctx);
    goto retry;
  }
  unlock_event_waiters_macro(ctx);
  return 0;
}

static void *event_thread(void *arg) {
  int done = 0;
  handle_events(arg, &done);
  handle_events_macro(arg);
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
