// STATIC-RUN:
// A pointer the caller has dereferenced is not null, and a callee's test of its parameter
// stays a test of what the caller passed even when the callee reassigns the parameter inside
// the tested branch. Groonga's grn_hash_create(ctx, ...) starts with
// `if (!ctx) { grn_ctx tmp_ctx; grn_ctx_init(&tmp_ctx, 0); ctx = &tmp_ctx; ERR(...);
// grn_ctx_fin(&tmp_ctx); return NULL; }`, and grn_ctx_fin() takes grn_glock; its callers
// pass a context they have just walked (`while (target_ctx->impl->parent) target_ctx = ...;`)
// while holding grn_glock or another context's lock. The branch cannot run there: no
// edge from the caller's lock to glock (sweep() takes them the other way), and
// grn_ctx_fin()'s writes to the temporary context's fields are not writes "under" the
// caller's lock. Twins: a pointer nobody dereferenced (it may be null), the address of a
// member (computed, not loaded), and a parameter reassigned before its test (the test is of
// the new value): real inversions. The test that no caller passes null holds across any depth
// of calls passing the pointer on.
#include <pthread.h>
#include <stdlib.h>

struct ctx;
struct ctx_impl {
  struct ctx *parent;
  int stack_curr;
};
struct ctx {
  struct ctx_impl *impl;
  int rc;
};

static pthread_mutex_t glock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t walk_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t check_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t any_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t addr_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t parent_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t deep_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ctx_impl fallback_impl;

static void ctx_init(struct ctx *c) {
  c->impl = &fallback_impl;
  c->rc = 0;
}

static void ctx_fin(struct ctx *c) {
  pthread_mutex_lock(&glock);  // unlinks the context from the global list
  c->impl = NULL;
  pthread_mutex_unlock(&glock);
}

static void *table_create(struct ctx *ctx, size_t size) {
  if (!ctx) {  // no context: report on a temporary one
    struct ctx tmp;
    ctx_init(&tmp);
    ctx = &tmp;
    ctx->rc = -1;
    ctx_fin(&tmp);
    return NULL;
  }
  ctx->impl->stack_curr++;
  return calloc(1, size);
}

void *register_table(struct ctx *ctx) {
  void *t;
  pthread_mutex_lock(&walk_lock);
  struct ctx *target = ctx;
  while (target->impl->parent)
    target = target->impl->parent;
  t = table_create(target, 16);  // target was dereferenced: not null
  pthread_mutex_unlock(&walk_lock);
  return t;
}

void *register_checked(struct ctx *ctx) {
  void *t;
  int rc = ctx->rc;  // dereferenced: not null from here on
  pthread_mutex_lock(&check_lock);
  t = rc ? NULL : table_create(ctx, 8);
  pthread_mutex_unlock(&check_lock);
  return t;
}

// Four calls down, each passing its parameter on: no caller anywhere passes a pointer that
// may be null, so the branch is dead whatever the depth (groonga: grn_expr_clear_vars() ->
// grn_obj_close() -> grn_table_close_columns() -> grn_hash_create()).
static void *open_level3(struct ctx *ctx) { return table_create(ctx, 3); }
static void *open_level2(struct ctx *ctx) { return open_level3(ctx); }
static void *open_level1(struct ctx *ctx) { return open_level2(ctx); }
static void *open_level0(struct ctx *ctx) { return open_level1(ctx); }

void *register_deep(struct ctx *ctx) {
  void *t;
  pthread_mutex_lock(&deep_lock);
  struct ctx *target = ctx;
  while (target->impl->parent)
    target = target->impl->parent;
  t = open_level0(target);
  pthread_mutex_unlock(&deep_lock);
  return t;
}

// twin: nothing says the pointer is not null
void *register_any(struct ctx *ctx) {
  void *t;
  pthread_mutex_lock(&any_lock);
  t = table_create(ctx, 32);  // EXPECT-STATIC: lock-order-inversion any_lock => glock => any_lock
  pthread_mutex_unlock(&any_lock);
  return t;
}

// twin: the address of a member is computed, not loaded: no dereference
void *register_addr(struct ctx *ctx) {
  void *t;
  int *rcp = &ctx->rc;
  pthread_mutex_lock(&addr_lock);
  t = table_create(ctx, *rcp ? 4 : 2);  // EXPECT-STATIC: lock-order-inversion addr_lock => glock => addr_lock
  pthread_mutex_unlock(&addr_lock);
  return t;
}

static void *table_create_parent(struct ctx *ctx, size_t size) {
  ctx = ctx->impl->parent;  // the test below is of the parent, not of what was passed
  if (!ctx) {
    struct ctx tmp;
    ctx_init(&tmp);
    ctx_fin(&tmp);
    return NULL;
  }
  return calloc(1, size);
}

// twin: the callee reassigned its parameter before testing it
void *register_parent(struct ctx *ctx) {
  void *t;
  int rc = ctx->rc;
  pthread_mutex_lock(&parent_lock);
  t = table_create_parent(ctx, (size_t)rc + 1);  // EXPECT-STATIC: lock-order-inversion parent_lock => glock => parent_lock
  pthread_mutex_unlock(&parent_lock);
  return t;
}

// the other order: glock, then each caller's lock
void sweep(void) {
  pthread_mutex_lock(&glock);
  pthread_mutex_lock(&walk_lock);
  pthread_mutex_unlock(&walk_lock);
  pthread_mutex_lock(&check_lock);
  pthread_mutex_unlock(&check_lock);
  pthread_mutex_lock(&any_lock);
  pthread_mutex_unlock(&any_lock);
  pthread_mutex_lock(&addr_lock);
  pthread_mutex_unlock(&addr_lock);
  pthread_mutex_lock(&parent_lock);
  pthread_mutex_unlock(&parent_lock);
  pthread_mutex_lock(&deep_lock);
  pthread_mutex_unlock(&deep_lock);
  pthread_mutex_unlock(&glock);
}
