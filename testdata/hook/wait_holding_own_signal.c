// libuv's test-mutexes.c (thread_rwlock_trylock): the main thread holds the rwlock, signals the
// condition and waits on it, in lock step with a peer that only try-locks the rwlock. The one
// signal made holding the rwlock is the waiter's own, before its wait: no thread needs the rwlock
// to signal. Found by `lockgraph run -- uv_run_tests` (docs/benchmarks.md, "The hook on real test
// suites"), where it failed the test (exit 66); no finding.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static int step;  // under mutex

static void synchronize(void) {  // call holding mutex
  int current = ++step;
  pthread_cond_signal(&cond);
  while (step == current) pthread_cond_wait(&cond, &mutex);
}

static void *peer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mutex);
  if (pthread_rwlock_trywrlock(&rwlock) == 0) pthread_rwlock_unlock(&rwlock);  // busy: main holds it
  ++step;
  pthread_cond_signal(&cond);
  pthread_mutex_unlock(&mutex);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&mutex);
  pthread_create(&t, NULL, peer, NULL);
  if (pthread_rwlock_trywrlock(&rwlock) != 0) return 1;
  synchronize();  // releases the mutex to the peer
  pthread_rwlock_unlock(&rwlock);
  pthread_mutex_unlock(&mutex);
  pthread_join(t, NULL);
  return 0;
}
