// STATIC-RUN:
// A lock inside an object that a global pointer holds (clucene's lazily made
// `threadData_LOCK = new mutex_thread`, here `box = calloc(...)`) is named by that pointer,
// `box->mu`, like the lock of a global object (`stats.mu`): it is
// one lock, not "the `mu` of some lockbox" standing for every lockbox. Two findings follow:
// - box->mu and stats.mu taken in opposite orders are an inversion (both were one class-wide
//   node, whose edges to itself are dropped: missed);
// - orders through two other global lockboxes (a.mu => cfg_lock => b.mu) make no cycle: with a
//   class-wide node in the graph, a.mu and b.mu were joined into it and made
//   lockbox::mu => cfg_lock => lockbox::mu (reported, false).
#include <pthread.h>
#include <stdlib.h>

struct lockbox {
  pthread_mutex_t mu;
  long n;
};

static struct lockbox *box;
static struct lockbox stats = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct lockbox a = {PTHREAD_MUTEX_INITIALIZER, 0}, b = {PTHREAD_MUTEX_INITIALIZER, 0};
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static long cfg;

static void *counter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&box->mu);
  box->n++;
  pthread_mutex_lock(&stats.mu);  // EXPECT-STATIC: lock-order-inversion box->mu => stats.mu => box->mu
  stats.n++;
  pthread_mutex_unlock(&stats.mu);
  pthread_mutex_unlock(&box->mu);
  return NULL;
}

static void *reporter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&stats.mu);
  stats.n--;
  pthread_mutex_lock(&box->mu);  // EXPECT-STATIC: lock-order-inversion box->mu => stats.mu => box->mu
  box->n--;
  pthread_mutex_unlock(&box->mu);
  pthread_mutex_unlock(&stats.mu);
  return NULL;
}

static void *configure(void *arg) {
  (void)arg;
  pthread_mutex_lock(&a.mu);
  a.n++;
  pthread_mutex_lock(&cfg_lock);
  cfg++;
  pthread_mutex_unlock(&cfg_lock);
  pthread_mutex_unlock(&a.mu);
  return NULL;
}

static void *apply(void *arg) {
  (void)arg;
  pthread_mutex_lock(&cfg_lock);
  cfg--;
  pthread_mutex_lock(&b.mu);
  b.n++;
  pthread_mutex_unlock(&b.mu);
  pthread_mutex_unlock(&cfg_lock);
  return NULL;
}

int main(void) {
  box = calloc(1, sizeof *box);
  if (!box)
    return 1;
  pthread_mutex_init(&box->mu, NULL);
  pthread_t t[4];
  pthread_create(&t[0], NULL, counter, NULL);
  pthread_create(&t[1], NULL, reporter, NULL);
  pthread_create(&t[2], NULL, configure, NULL);
  pthread_create(&t[3], NULL, apply, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
