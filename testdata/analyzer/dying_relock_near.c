// The twin of dying_relock_deep.c: the worker's failure calls fatal(), which logs through
// log_msg(), and log_msg() takes 'log_lock', which the worker holds. The relock is two calls below
// the failure: the error report itself hangs, and the process never exits. Reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t log_cond = PTHREAD_COND_INITIALIZER;
static int pending, logged;

static void log_msg(const char *what) {
  pthread_mutex_lock(&log_lock);  // EXPECT: self-deadlock log_lock
  fprintf(stderr, "%s\n", what);
  logged++;
  pthread_mutex_unlock(&log_lock);
}
static _Noreturn void fatal(const char *what) {
  log_msg(what);
  abort();
}

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&log_lock);
  while (pending == 0)
    if (pthread_cond_wait(&log_cond, &log_lock) != 0)
      fatal("pthread_cond_wait");
  pending--;
  pthread_mutex_unlock(&log_lock);
  log_msg("done");
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  pthread_mutex_lock(&log_lock);
  pending = 2;
  pthread_cond_broadcast(&log_cond);
  pthread_mutex_unlock(&log_lock);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
