// STATIC-RUN:
// A call made only when a parameter is null is dead when no caller in the program can pass
// null there, and what only that call reaches is not run by the threads that reach the
// function. Groonga's worker threads reach grn_hash_create() with contexts they have
// dereferenced; its `if (!ctx) { grn_ctx tmp_ctx; ...; grn_ctx_fin(&tmp_ctx); }` branch never
// runs in them, so grn_ctx_fin() and the context code under it are no thread's. Here
// ctx_fin()'s counter is updated by nothing the threads run: no unlocked-rmw. Twin: a
// worker that passes its argument as it came (it may be null) runs the branch in two threads.
#include <pthread.h>
#include <stdlib.h>

struct ctx;
struct ctx_impl {
  struct ctx *parent;
};
struct ctx {
  struct ctx_impl *impl;
};

static int fin_count;      // temporary contexts finalised
static int missing_count;  // calls without a context
static struct ctx_impl fallback_impl;

static void ctx_init(struct ctx *c) { c->impl = &fallback_impl; }

static void ctx_fin(struct ctx *c) {
  fin_count++;
  c->impl = NULL;
}

static void *table_create(struct ctx *ctx, size_t size) {
  if (!ctx) {  // report on a temporary context
    struct ctx tmp;
    ctx_init(&tmp);
    ctx_fin(&tmp);
    return NULL;
  }
  return calloc(1, size);
}

static void *table_open(struct ctx *ctx, size_t size) { return table_create(ctx, size); }

static void *worker(void *arg) {
  struct ctx *c = arg;
  while (c->impl->parent)  // c is read through: not null below
    c = c->impl->parent;
  free(table_open(c, 16));
  return NULL;
}

static void note_missing(void) {
  missing_count++;  // EXPECT-STATIC: unlocked-rmw missing_count
}

static void *table_create_any(struct ctx *ctx, size_t size) {
  if (!ctx) {
    note_missing();
    return NULL;
  }
  return calloc(1, size);
}

// twin: the argument as it came
static void *worker_any(void *arg) {
  free(table_create_any(arg, 8));
  return NULL;
}

int main(void) {
  static struct ctx_impl impls[2];
  static struct ctx ctxs[2];
  pthread_t t[4];
  for (int i = 0; i < 2; i++) {
    ctxs[i].impl = &impls[i];
    pthread_create(&t[i], NULL, worker, &ctxs[i]);
    pthread_create(&t[2 + i], NULL, worker_any, i ? &ctxs[i] : NULL);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
