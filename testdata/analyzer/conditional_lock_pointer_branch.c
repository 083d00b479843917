// A lock chosen by a `?:` through a local pointer, taken and given back around a branch
// (sg3-utils' sgh_dd, testing/sgh_dd.cpp: `pthread_mutex_t *mutexp = is_wr2 ?
// &clp->out2_mutex : &clp->out_mutex; pthread_mutex_lock(mutexp); ... if (...) ... ;
// pthread_mutex_unlock(mutexp);`). Each path knows is_wr2 and names its lock, but the events
// after the branch were recorded with the paths merged, where the release named neither lock and
// both stayed held: taking `out_mutex` next was a false self-deadlock. The release now gives
// back the alternatives the merged paths hold. The twin (write_twice) takes `out_mutex` while
// the chosen lock is still held: a real self-deadlock when is_wr2 is 0, reported.
// STATIC-RUN:
#include <pthread.h>

struct clp {
  pthread_mutex_t out_mutex, out2_mutex;
  int out_count, out2_count;
};

static struct clp g;
static int written;

static void write_one(struct clp *c, int is_wr2) {
  pthread_mutex_t *mutexp = is_wr2 ? &c->out2_mutex : &c->out_mutex;
  pthread_mutex_lock(mutexp);
  if (is_wr2)
    c->out2_count++;
  else
    c->out_count++;
  pthread_mutex_unlock(mutexp);
  pthread_mutex_lock(&c->out_mutex);
  written++;
  pthread_mutex_unlock(&c->out_mutex);
}

static void write_twice(struct clp *c, int is_wr2) {
  pthread_mutex_t *mutexp = is_wr2 ? &c->out2_mutex : &c->out_mutex;
  pthread_mutex_lock(mutexp);
  if (written > 100)
    c->out_count = 0;
  pthread_mutex_lock(&c->out_mutex);  // EXPECT-STATIC: self-deadlock clp::out_mutex
  written++;
  pthread_mutex_unlock(&c->out_mutex);
  pthread_mutex_unlock(mutexp);
}

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++) {
    write_one(&g, i & 1);
    write_twice(&g, i & 1);
  }
  return arg;
}

int main(void) {
  pthread_t t[2];
  pthread_mutex_init(&g.out_mutex, NULL);
  pthread_mutex_init(&g.out2_mutex, NULL);
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return written > 0 ? 0 : 1;
}
