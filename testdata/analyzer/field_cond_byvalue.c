// field_cond_entry.c's condition on a field at the callee's entry, of a struct passed by value
// (`work(o)` tests `o.locked`: the callee's own copy) and of a struct reached through a pointer
// to a global (`work_p(p)` tests `!p->locked`). run() holds m and calls each with the field
// set so that the callee does not lock. The twin, field_cond_byvalue_changed.c, hands the
// callee's copy to code not seen before the test.
// STATIC-RUN:
#include <pthread.h>

struct opts {
  int locked;
  int level;
};

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int n;
static struct opts q;

static void work(struct opts o) {
  if (o.locked) {
    pthread_mutex_lock(&m);
    n += o.level;
    pthread_mutex_unlock(&m);
  }
}

static void work_p(const struct opts *o) {
  if (!o->locked) {
    pthread_mutex_lock(&m);
    n++;
    pthread_mutex_unlock(&m);
  }
}

static void *run(void *a) {
  struct opts o = {0, 1};
  o.locked = 0;
  pthread_mutex_lock(&m);
  work(o);
  pthread_mutex_unlock(&m);
  struct opts *p = &q;
  p->locked = 1;
  pthread_mutex_lock(&m);
  work_p(p);
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
