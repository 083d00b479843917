// The scoped lock of scoped_for_macro.c (a `for` loop whose counter is 0 at the test that
// locks and 1 at the test that unlocks) in a long coder loop: a `switch` on the coder's state
// with blocks in several cases, a status tested after each step and a condition wait in a
// `while` inside a block. More ways through the loop than the analysis keeps apart: those
// that it merges must not mix a path holding the mutex with one whose counter says "lock
// next" (that reads as the mutex taken again while held). Nothing here is a finding.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

#define sync_block(m) sync_h1(m, __LINE__)
#define sync_h1(m, l) sync_h2(m, l)
#define sync_h2(m, l)                                                                                  \
  for (unsigned int i_##l = 0; i_##l ? (pthread_mutex_unlock(&(m)), 0) : (pthread_mutex_lock(&(m)), 1); \
       i_##l = 1)                                                                                      \
    for (unsigned int j_##l = 0; !j_##l; j_##l = 1)

enum seq { SEQ_HEADER, SEQ_BLOCK, SEQ_INDEX, SEQ_DONE, SEQ_ERROR };
enum ret { R_OK, R_END, R_MEM, R_PROG };

struct thr {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  int state;
  struct thr *next;
};

struct coder {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  enum seq sequence;
  int mem_in_use, mem_cached, progress, pending;
  struct thr *free_threads;
  struct thr *thr;
  struct thr threads[2];
};

static enum ret step(struct coder *c, int n) { return c->progress > n ? R_END : R_OK; }
static enum ret wait_output(struct coder *c, int allowed) { return allowed && c->pending < 0 ? R_MEM : R_OK; }

#define return_if_error(expr)        \
  do {                               \
    const enum ret ret_ = (expr);    \
    if (ret_ != R_OK)                \
      return ret_;                   \
  } while (0)

static enum ret decode(struct coder *c, int limit, int action) {
  int freed = 0;
  enum ret ret = R_OK;
  const int waiting_allowed = action == 3 || c->mem_in_use > limit;
  while (1) {
    switch (c->sequence) {
    case SEQ_HEADER: {
      ret = step(c, 1);
      if (ret == R_END) {
        c->sequence = SEQ_INDEX;
        break;
      }
      if (ret != R_OK)
        return ret;
      return_if_error(wait_output(c, waiting_allowed));
      struct thr *t = NULL;
      sync_block(c->mutex) {
        t = c->free_threads;
        if (t != NULL)
          c->free_threads = t->next;
      }
      if (t == NULL)
        return R_MEM;
      sync_block(c->mutex) {
        c->mem_cached -= freed;
        c->mem_in_use += 2;
      }
      c->thr = t;
      c->sequence = SEQ_BLOCK;
    }
    /* fall through */
    case SEQ_BLOCK: {
      ret = step(c, 2);
      if (ret != R_OK) {
        c->sequence = SEQ_ERROR;
        break;
      }
      return_if_error(wait_output(c, waiting_allowed));
      sync_block(c->thr->mutex) {
        c->thr->state = 1;
        pthread_cond_signal(&c->thr->cond);
      }
      int input_possible = c->pending > 0, has_blocked = c->progress > 1;
      if (!input_possible && waiting_allowed)
        freed++;
      if (has_blocked)
        freed--;
      ret = step(c, 3);
      if (ret == R_MEM)
        c->mem_cached++;
      else if (ret != R_END)
        c->mem_cached--;
      sync_block(c->mutex) {
        while (c->pending == 0 && c->progress < limit)
          pthread_cond_wait(&c->cond, &c->mutex);
        c->pending = 0;
      }
      if (!input_possible && ret != R_PROG)
        c->mem_cached = 0;
      if (c->progress >= limit)
        return R_OK;
      c->sequence = SEQ_HEADER;
      break;
    }
    case SEQ_INDEX: {
      int waiting = 1;
      while (waiting) {
        sync_block(c->mutex) {
          if (c->mem_in_use == 0)
            waiting = 0;
          else
            pthread_cond_wait(&c->cond, &c->mutex);
        }
      }
      return_if_error(wait_output(c, waiting_allowed));
      return_if_error(step(c, 4));
      c->sequence = SEQ_DONE;
      break;
    }
    case SEQ_DONE:
      return R_END;
    case SEQ_ERROR:
      sync_block(c->mutex) { freed = c->mem_cached; }
      return R_PROG;
    }
  }
}

static struct coder the_coder;

static void *worker(void *arg) {
  struct thr *t = arg;
  sync_block(the_coder.mutex) {
    the_coder.progress++;
    the_coder.pending = 1;
    pthread_cond_signal(&the_coder.cond);
  }
  sync_block(t->mutex) { t->state = 0; }
  return NULL;
}

int main(void) {
  pthread_t a;
  pthread_mutex_init(&the_coder.mutex, NULL);
  pthread_cond_init(&the_coder.cond, NULL);
  pthread_create(&a, NULL, worker, &the_coder.threads[0]);
  decode(&the_coder, 3, 3);
  pthread_join(a, NULL);
  return 0;
}
