// A scoped lock built from two for loops (a compressor's `sync_block`): the lock is taken in
// the condition of the first iteration and released in the condition of the second, and a
// `break` in the body leaves the inner loop for that release. The blocks nest, and a worker
// loop mixes them with plain lock/unlock, a condition wait and `goto`. The loop counter is
// 0 in the first test and 1 in the second: no path holds the mutex when it is taken again,
// so nothing here but thr_reset()'s lock inside the block is a self-deadlock.
// STATIC-RUN:
#include <pthread.h>

#define sync_block(m) sync_h1(m, __LINE__)
#define sync_h1(m, l) sync_h2(m, l)
#define sync_h2(m, l)                                                                                  \
  for (unsigned int i_##l = 0; i_##l ? (pthread_mutex_unlock(&(m)), 0) : (pthread_mutex_lock(&(m)), 1); \
       i_##l = 1)                                                                                      \
    for (unsigned int j_##l = 0; !j_##l; j_##l = 1)

enum { IDLE, RUN, EXIT };

struct coder {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  int done;
};

struct thr {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  int state;
  int progress;
  struct coder *coder;
};

static int failed(struct thr *t) { return t->progress < 0; }

static void thr_stop(struct thr *t, int err) {
  sync_block(t->mutex) {
    if (err)
      break;
    t->state = IDLE;
  }
  sync_block(t->mutex) {
    sync_block(t->coder->mutex) {
      if (t->coder->done > 3)
        break;
      t->coder->done++;
    }
    t->progress++;
  }
  pthread_mutex_lock(&t->mutex);
  t->state = IDLE;
  pthread_mutex_unlock(&t->mutex);
}

// The block holds the mutex: taking it again inside is the one self-deadlock here.
static void thr_reset(struct thr *t) {
  sync_block(t->mutex) {
    t->state = IDLE;
    pthread_mutex_lock(&t->mutex);  // EXPECT-STATIC: self-deadlock thr::mutex
    t->progress = 0;
    pthread_mutex_unlock(&t->mutex);
  }
}

static void *worker(void *arg) {
  struct thr *t = arg;
  int state;
next:
  pthread_mutex_lock(&t->mutex);
next_unlocked:
  state = t->state;
  if (state == IDLE) {
    pthread_cond_wait(&t->cond, &t->mutex);
    goto next_unlocked;
  }
  if (state == EXIT) {
    pthread_mutex_unlock(&t->mutex);
    return 0;
  }
  t->progress++;
  pthread_mutex_unlock(&t->mutex);
  sync_block(t->mutex) {
    if (failed(t))
      break;
    t->progress++;
  }
  sync_block(t->coder->mutex) {
    t->coder->done++;
    pthread_cond_signal(&t->coder->cond);
  }
  sync_block(t->mutex) {
    if (t->state == RUN)
      t->state = IDLE;
  }
  thr_stop(t, state == RUN);
  if (state == EXIT + 1)
    thr_reset(t);
  goto next;
}

static struct coder the_coder = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
static struct thr threads[2] = {
    {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, RUN, 0, &the_coder},
    {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, RUN, 0, &the_coder},
};

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, &threads[0]);
  pthread_create(&b, 0, worker, &threads[1]);
  sync_block(threads[0].mutex) { threads[0].state = EXIT; }
  sync_block(threads[1].mutex) { threads[1].state = EXIT; }
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
