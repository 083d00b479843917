// A hand-made recursive lock in an object that has a second mutex: the owner test
// (`pthread_equal(o->holder, self)`) stands for the lock the function just tried and failed to
// take (`b_lock`), not the first lock of the object it happens to take (`io_lock`, released
// before). In the owner's branch `b_lock` is held, so `o->recur++` there is protected like
// everywhere else: not reported (tests/analyzer/analyzer_unit_test.cc, OwnerTest.*, checks
// which lock the branch holds). The test is read with the pointer as the function sees it at
// that point (`o = pick(i)` assigned after its declaration).
// `obj_release_all()` counts down under `b_lock` too.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct obj {
  pthread_mutex_t io_lock;
  pthread_mutex_t b_lock;
  pthread_t holder;
  unsigned recur;
  int io_count;
};

static struct obj objs[8];

static struct obj *pick(int i) { return &objs[i & 7]; }

struct obj *obj_get(int i) {
  struct obj *o;
  o = pick(i);
  pthread_mutex_lock(&o->io_lock);
  o->io_count++;
  pthread_mutex_unlock(&o->io_lock);
  if (pthread_mutex_trylock(&o->b_lock)) {
    if (pthread_equal(o->holder, pthread_self())) {
      o->recur++;
      return o;
    }
    pthread_mutex_lock(&o->b_lock);
  }
  o->holder = pthread_self();
  return o;
}

void obj_put(struct obj *o) {
  if (o->recur) {
    o->recur--;
    return;
  }
  o->holder = 0;
  pthread_mutex_unlock(&o->b_lock);
}

void obj_release_all(struct obj *o) {
  pthread_mutex_lock(&o->b_lock);
  if (o->recur > 0)
    o->recur--;
  pthread_mutex_unlock(&o->b_lock);
}

static void *worker(void *arg) {
  long i = (long)arg;
  struct obj *o = obj_get((int)i);
  obj_release_all(o);
  obj_put(o);
  return NULL;
}

int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
