// The twin of field_cond_byvalue.c: work() gives the address of its copy to a function not
// seen here before it tests `o.locked`, which may set it: the caller's `o.locked = 0` does
// not decide the test, and holding m there is a self-deadlock.
// STATIC-RUN:
#include <pthread.h>

struct opts {
  int locked;
  int level;
};

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int n;

void opts_load(struct opts *o);  // elsewhere

static void work(struct opts o) {
  opts_load(&o);
  if (o.locked) {
    pthread_mutex_lock(&m);
    n += o.level;
    pthread_mutex_unlock(&m);
  }
}

static void *run(void *a) {
  struct opts o = {0, 1};
  o.locked = 0;
  pthread_mutex_lock(&m);
  work(o);  // EXPECT-STATIC: self-deadlock m
  pthread_mutex_unlock(&m);
  return a;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, run, 0);
  run(0);
  pthread_join(t, 0);
  return 0;
}
