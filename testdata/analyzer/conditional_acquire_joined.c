// A lock taken only on some paths, followed by more code before the return: `enter()` takes
// `wr`, then `wg` only for the first reader (`if (++readers == 1)`), then gives `wr` back. The
// paths join before the unlock, and the joined state "may" hold `wg`: that is no net
// acquisition, so the caller does not hold `wg` after `enter()` (before, it did, and its
// `writer()` call re-took it: a false self-deadlock). The twin takes `tg` on every path: its
// caller really holds it and re-takes it.
// STATIC-RUN:
#include <pthread.h>

static pthread_mutex_t wr = PTHREAD_MUTEX_INITIALIZER, wg = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t tr = PTHREAD_MUTEX_INITIALIZER, tg = PTHREAD_MUTEX_INITIALIZER;
static int readers;
static long data, tdata;

static void enter(void) {
  pthread_mutex_lock(&wr);
  if (++readers == 1)
    pthread_mutex_lock(&wg);
  pthread_mutex_unlock(&wr);
}

static void leave(void) {
  pthread_mutex_lock(&wr);
  if (--readers == 0)
    pthread_mutex_unlock(&wg);
  pthread_mutex_unlock(&wr);
}

static void writer(void) {
  pthread_mutex_lock(&wg);
  data++;
  pthread_mutex_unlock(&wg);
}

static void enter_twin(void) {
  pthread_mutex_lock(&tr);
  pthread_mutex_lock(&tg);
  pthread_mutex_unlock(&tr);
}

static void writer_twin(void) {
  pthread_mutex_lock(&tg);  // EXPECT-STATIC: self-deadlock tg
  tdata++;
  pthread_mutex_unlock(&tg);
}

static void *run(void *arg) {
  long sum = 0;
  (void)arg;
  for (int i = 0; i < 100; i++) {
    enter();
    sum += data;
    leave();
    writer();
    enter_twin();
    writer_twin();
    pthread_mutex_unlock(&tg);
  }
  return (void *)sum;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, run, 0);
  pthread_create(&b, 0, run, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
