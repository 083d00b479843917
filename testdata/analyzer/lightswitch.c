// A readers-writer lock made of two mutexes, the "lightswitch" (hashcat's brain server): a
// reader takes `hr`, counts itself in, and the first reader takes `hg` for the whole group;
// the last one out gives it back. The group holds `hg` while a member re-takes `hr` to count
// itself out: `hg => hr` is no order edge, because a reader that waits for `hg` under `hr` is
// the first, and then no reader holds `hg`. Writers take `hg` alone. No finding.
// The twin's writer takes `wr` while it holds `wg`: with the first reader holding `wr` and
// waiting for `wg`, that is a real inversion.
// STATIC-RUN:
#include <pthread.h>

struct db {
  pthread_mutex_t hr, hg;
  int hb;
  long long_cnt;
};

static struct db the_db = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, 0, 0};
static pthread_mutex_t wr = PTHREAD_MUTEX_INITIALIZER, wg = PTHREAD_MUTEX_INITIALIZER;
static int wb;
static long wdata;

static long reader(struct db *d) {
  pthread_mutex_lock(&d->hr);
  d->hb++;
  if (d->hb == 1)
    pthread_mutex_lock(&d->hg);
  pthread_mutex_unlock(&d->hr);

  long n = d->long_cnt;

  pthread_mutex_lock(&d->hr);
  d->hb--;
  if (d->hb == 0)
    pthread_mutex_unlock(&d->hg);
  pthread_mutex_unlock(&d->hr);
  return n;
}

static void writer(struct db *d) {
  pthread_mutex_lock(&d->hg);
  d->long_cnt++;
  pthread_mutex_unlock(&d->hg);
}

static long reader_twin(void) {
  pthread_mutex_lock(&wr);
  wb++;
  if (wb == 1)
    pthread_mutex_lock(&wg);  // EXPECT-STATIC: lock-order-inversion wr => wg => wr
  pthread_mutex_unlock(&wr);
  long n = wdata;
  pthread_mutex_lock(&wr);
  wb--;
  if (wb == 0)
    pthread_mutex_unlock(&wg);
  pthread_mutex_unlock(&wr);
  return n;
}

static void writer_twin(void) {
  pthread_mutex_lock(&wg);
  pthread_mutex_lock(&wr);  // EXPECT-STATIC: lock-order-inversion wr => wg => wr
  wdata++;
  pthread_mutex_unlock(&wr);
  pthread_mutex_unlock(&wg);
}

static void *run(void *arg) {
  long sum = 0;
  for (int i = 0; i < 100; i++) {
    sum += reader(&the_db);
    writer(&the_db);
    sum += reader_twin();
    writer_twin();
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
