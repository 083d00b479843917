// GLib's G_LIKELY (E) is `__builtin_expect (({ int v; if (E) v = 1; else v = 0; v; }), 1)`: a branch
// on E. GStreamer 1.22's gst_iterator_next() (gstiterator.c:346-362): `if (G_LIKELY (it->lock))
// g_mutex_lock (it->lock);`, and where an item is skipped `if (G_LIKELY (it->lock))
// g_mutex_unlock (it->lock); goto restart;`. Where the pointer is null, nothing was locked; where it
// is not, it was unlocked before the retry: no self-deadlock. `it_next_leaky()` forgets the unlock
// before its retry: a real one.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>
#define _G_BOOLEAN_EXPR(expr) __extension__ ({ int _g_boolean_var_; if (expr) _g_boolean_var_ = 1; else _g_boolean_var_ = 0; _g_boolean_var_; })
#define G_LIKELY(expr) (__builtin_expect (_G_BOOLEAN_EXPR(expr), 1))
#define G_UNLIKELY(expr) (__builtin_expect (_G_BOOLEAN_EXPR(expr), 0))

typedef struct _It It;
typedef int (*NextFn)(It *it, int *elem);
typedef int (*ItemFn)(It *it, int *elem);
struct _It {
  pthread_mutex_t *lock;
  unsigned *master_cookie;
  unsigned cookie;
  NextFn next;
  ItemFn item;
  It *pushed;
};

int it_next(It *it, int *elem) {
  int result;
restart:
  if (G_LIKELY(it->lock))
    pthread_mutex_lock(it->lock);
  if (G_UNLIKELY(*it->master_cookie != it->cookie)) {
    result = 2;
    goto done;
  }
  result = it->next(it, elem);
  if (result == 0 && it->item) {
    int itemres = it->item(it, elem);
    switch (itemres) {
    case 1:
      if (G_LIKELY(it->lock))
        pthread_mutex_unlock(it->lock);
      goto restart;
    default:
      break;
    }
  }
done:
  if (G_LIKELY(it->lock))
    pthread_mutex_unlock(it->lock);
  return result;
}

int it_next_leaky(It *it, int *elem) {
  int result;
restart:
  if (G_LIKELY(it->lock))
    pthread_mutex_lock(it->lock);  // EXPECT: self-deadlock _It::lock
  result = it->next(it, elem);
  if (result == 1)
    goto restart;
  if (G_LIKELY(it->lock))
    pthread_mutex_unlock(it->lock);
  return result;
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned cookie;
static int nxt(It *it, int *e) { (void)it; *e = 1; return 0; }
static void *worker(void *a) {
  It it = {&mu, &cookie, 0, nxt, NULL, NULL};
  int e;
  it_next(&it, &e);
  it_next_leaky(&it, &e);
  return a;
}
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  return 0;
}
