// memcached's pause_threads() (thread.c): the pausing thread holds worker_hang_lock and waits on
// init_cond until every worker has checked in; each worker signals init_cond once, then piles up
// on worker_hang_lock until the pause ends. Correct: no worker needs worker_hang_lock to signal,
// it takes that lock only after its signal. Found by `lockgraph run -- make test` on memcached
// 1.6.18 (docs/benchmarks.md, "The hook on real test suites"); no finding.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <unistd.h>

enum { kWorkers = 4 };
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t init_cond = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t worker_hang_lock = PTHREAD_MUTEX_INITIALIZER;
static int init_count;  // under init_lock
static int paused;      // atomic: the pausing thread holds worker_hang_lock

static void *worker(void *arg) {
  (void)arg;
  while (!__atomic_load_n(&paused, __ATOMIC_ACQUIRE)) usleep(1000);
  pthread_mutex_lock(&init_lock);  // register_thread_initialized()
  init_count++;
  pthread_cond_signal(&init_cond);
  pthread_mutex_unlock(&init_lock);
  pthread_mutex_lock(&worker_hang_lock);  // pile up while paused
  pthread_mutex_unlock(&worker_hang_lock);
  return NULL;
}

int main(void) {
  pthread_t t[kWorkers];
  for (int i = 0; i < kWorkers; ++i) pthread_create(&t[i], NULL, worker, NULL);
  pthread_mutex_lock(&worker_hang_lock);  // pause_threads(PAUSE_WORKER_THREADS)
  pthread_mutex_lock(&init_lock);
  __atomic_store_n(&paused, 1, __ATOMIC_RELEASE);
  while (init_count < kWorkers)  // wait_for_thread_registration()
    pthread_cond_wait(&init_cond, &init_lock);
  pthread_mutex_unlock(&init_lock);
  pthread_mutex_unlock(&worker_hang_lock);  // resume
  for (int i = 0; i < kWorkers; ++i) pthread_join(t[i], NULL);
  return 0;
}
