// A recursive lock made by hand: a mutex and the thread that holds it (xfsprogs 6.1.0's
// libxfs/rdwr.c, `struct xfs_buf { pthread_mutex_t b_lock; pthread_t b_holder; unsigned b_recur; }`).
// A lookup trylocks the buffer; when that fails and `pthread_equal(bp->b_holder, tid)`, this very
// thread holds `b_lock` from an earlier lookup, and `b_recur++` counts the nesting under it. The
// release path counts down under the lock too. Not an unlocked read-modify-write. `stats.misses`
// in the same function is a real one (no lock on that path), and `bump_other()`'s ownership test
// of another thread's handle proves nothing.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct xfs_buf {
  pthread_mutex_t b_lock;
  pthread_t b_holder;
  unsigned b_recur;
  int b_flags;
};

static struct {
  int misses;
} stats;

static struct xfs_buf bufs[16];
static pthread_t other_thread;

struct xfs_buf *buf_get(int i) {
  pthread_t tid = pthread_self();
  struct xfs_buf *bp = &bufs[i & 15];
  int ret = pthread_mutex_trylock(&bp->b_lock);
  if (ret) {
    if (pthread_equal(bp->b_holder, tid)) {
      bp->b_recur++;
      return bp;
    }
    stats.misses++;  // EXPECT: unlocked-rmw stats.misses
    pthread_mutex_lock(&bp->b_lock);
  }
  bp->b_holder = tid;
  return bp;
}

void buf_put(struct xfs_buf *bp) {
  if (bp->b_recur) {
    bp->b_recur--;
    return;
  }
  bp->b_holder = 0;
  pthread_mutex_unlock(&bp->b_lock);
}

void buf_touch(struct xfs_buf *bp) {
  if (bp->b_holder == pthread_self())
    bp->b_flags++;
  else {
    pthread_mutex_lock(&bp->b_lock);
    bp->b_flags++;
    pthread_mutex_unlock(&bp->b_lock);
  }
}

void bump_other(struct xfs_buf *bp) {
  if (pthread_equal(bp->b_holder, other_thread))
    bp->b_flags++;  // EXPECT: unlocked-rmw xfs_buf::b_flags
}

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++) {
    struct xfs_buf *bp = buf_get(i);
    struct xfs_buf *again = buf_get(i);
    buf_touch(bp);
    bump_other(bp);
    buf_put(again);
    buf_put(bp);
  }
  return arg;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 16; i++)
    pthread_mutex_init(&bufs[i].b_lock, NULL);
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  other_thread = t[0];
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
