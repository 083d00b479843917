// See all.c: the join under a condition the start is not under.
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int count;

static void *worker(void *p) {
  pthread_mutex_lock(&mu);
  count++;
  pthread_mutex_unlock(&mu);
  return p;
}

static void fill(int wait) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  if (wait)
    pthread_join(t, 0);
  else
    pthread_detach(t);
}

int main(int argc, char **argv) {
  (void)argv;
  fill(argc > 1);
  count *= 2;  // EXPECT: unlocked-rmw count
  return 0;
}
