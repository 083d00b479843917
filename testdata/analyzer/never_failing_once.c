// gold's Once::run_once() in miniature: a lock guards the argument it hands to pthread_once(),
// and a failure of pthread_once() is reported with fatal(), which counts the error under the
// same lock. glibc's pthread_once() always returns 0 (as its pthread_cond_signal(),
// pthread_cond_broadcast() and the attribute objects' init and destroy do), so the branch that
// would relock `once_lock` never runs: clean. Before, the failure branch was followed and the
// relock reported as a self-deadlock. The twin never_failing_once_create.c checks
// pthread_create(), which can fail: there the same relock is reported.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t once_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *once_arg;
static int errors;

static void fatal(const char *what) {
  pthread_mutex_lock(&once_lock);
  errors++;
  pthread_mutex_unlock(&once_lock);
  fprintf(stderr, "fatal: %s\n", what);
  exit(1);
}

static void init_once(void) {
  fprintf(stderr, "init %s\n", once_arg);
}

static void run_once(const char *arg) {
  pthread_mutex_lock(&once_lock);
  once_arg = arg;
  int err = pthread_once(&once, init_once);
  if (err != 0)
    fatal("pthread_once");
  once_arg = NULL;
  if (pthread_cond_broadcast(&(pthread_cond_t)PTHREAD_COND_INITIALIZER) != 0)
    fatal("pthread_cond_broadcast");
  pthread_mutex_unlock(&once_lock);
}

static void *worker(void *arg) {
  run_once(arg);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    if (pthread_create(&t[i], NULL, worker, "worker") != 0)
      fatal("pthread_create");
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return errors;
}
