// STATIC-RUN:
// libgpg-error's gpgrt locks, as gpgme, libgcrypt and libksba take them (gpgme's sema.h:
// `#define LOCK(name) gpgrt_lock_lock(&name)`). The declarations below are libgpg-error's own
// (gpg-error.h), so the case needs no libgpg-error headers; the lock functions' bodies are in
// that library, not in the program's tree.
// - gpgme_set_locale() in miniature: the process-wide default locale is written only when no
//   context is given, and then under def_lc_lock (`if (!ctx) LOCK(def_lc_lock); ... if (ctx)
//   ... else def_lc_ctype = ...`): no unlocked update (before the table named the gpgrt
//   functions, both writes were reported as unlocked);
// - gpgrt_lock_trylock() returns 0 when it took the lock: held on that branch only;
// - two gpgrt locks taken in both orders by two threads: an inversion.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned int gpg_err_code_t;
typedef struct {
  long _vers;
  union {
    volatile char _priv[40];
    long _x_align;
    long *_xp_align;
  } u;
} gpgrt_lock_t;
#define GPGRT_LOCK_INITIALIZER {1, {{0}}}
#define GPGRT_LOCK_DEFINE(name) static gpgrt_lock_t name = GPGRT_LOCK_INITIALIZER
gpg_err_code_t gpgrt_lock_lock(gpgrt_lock_t *lockhd);
gpg_err_code_t gpgrt_lock_trylock(gpgrt_lock_t *lockhd);
gpg_err_code_t gpgrt_lock_unlock(gpgrt_lock_t *lockhd);
#define LOCK(name) gpgrt_lock_lock(&name)
#define UNLOCK(name) gpgrt_lock_unlock(&name)

struct ctx {
  char *lc_ctype;
};

GPGRT_LOCK_DEFINE(def_lc_lock);
static char *def_lc_ctype;

static int set_locale(struct ctx *ctx, const char *value) {
  char *new_lc = strdup(value);
  if (!new_lc)
    return -1;
  if (!ctx)
    LOCK(def_lc_lock);
  if (ctx) {
    if (ctx->lc_ctype)
      free(ctx->lc_ctype);
    ctx->lc_ctype = new_lc;
  } else {
    if (def_lc_ctype)
      free(def_lc_ctype);
    def_lc_ctype = new_lc;
  }
  if (!ctx)
    UNLOCK(def_lc_lock);
  return 0;
}

static struct ctx *new_ctx(void) {
  struct ctx *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  LOCK(def_lc_lock);
  if (def_lc_ctype)
    c->lc_ctype = strdup(def_lc_ctype);
  UNLOCK(def_lc_lock);
  return c;
}

GPGRT_LOCK_DEFINE(engine_lock);
GPGRT_LOCK_DEFINE(keylist_lock);
static int engines, keys, stats;

static void count_stats(void) {
  if (gpgrt_lock_trylock(&keylist_lock) == 0) {
    stats++;
    UNLOCK(keylist_lock);
  }
}

static void add_engine(void) {
  LOCK(engine_lock);
  LOCK(keylist_lock);  // EXPECT-STATIC: lock-order-inversion engine_lock => keylist_lock => engine_lock
  engines++;
  UNLOCK(keylist_lock);
  UNLOCK(engine_lock);
}

static void add_key(void) {
  LOCK(keylist_lock);
  keys++;
  LOCK(engine_lock);  // EXPECT-STATIC: lock-order-inversion engine_lock => keylist_lock => engine_lock
  UNLOCK(engine_lock);
  UNLOCK(keylist_lock);
}

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++) {
    struct ctx *c = new_ctx();
    if (!c)
      break;
    set_locale(c, "C");
    set_locale(NULL, "de_DE.UTF-8");
    count_stats();
    if (arg)
      add_engine();
    else
      add_key();
    free(c->lc_ctype);
    free(c);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, &a);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
