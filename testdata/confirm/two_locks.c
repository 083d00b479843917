// A real inversion that an ordinary run does not hit: `early` takes A then B at once, `late` takes
// B then A 200 ms later, when `early` is long done. The hook reports the inversion (the threads
// could have overlapped) and the program ends normally. Under `lockgraph run --confirm`, `early`
// is held with A before it takes B until `late` holds B and asks for A: both go on, deadlock, and
// the watchdog's report of that deadlock confirms the inversion in the first steered run.
// HOOK-RUN:
// CONFIRM: confirmed A => B => A
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static void *early(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

static void *late(void *arg) {
  (void)arg;
  usleep(200 * 1000);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, early, NULL);
  pthread_create(&t2, NULL, late, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
