// Twin of never_failing_once.c: the function run under the lock is pthread_create(), which
// fails when the process is out of threads or memory (EAGAIN), and its failure is reported
// with fatal(), which counts the error under the same lock: the relock hangs the thread
// instead of exiting. Reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static int errors, started;

static void fatal(const char *what) {
  pthread_mutex_lock(&start_lock);  // EXPECT-STATIC: self-deadlock start_lock
  errors++;
  pthread_mutex_unlock(&start_lock);
  fprintf(stderr, "fatal: %s\n", what);
  exit(1);
}

static void *worker(void *arg) {
  (void)arg;
  return NULL;
}

static void start(pthread_t *t) {
  pthread_mutex_lock(&start_lock);
  int err = pthread_create(t, NULL, worker, NULL);
  if (err != 0)
    fatal("pthread_create");
  started++;
  pthread_mutex_unlock(&start_lock);
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    start(&t[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return errors;
}
