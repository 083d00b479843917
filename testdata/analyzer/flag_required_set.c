// STATIC-RUN:
// A function that does nothing while a mode flag is clear (`if (!tracing) return;`) takes its
// lock only when the flag was set at its entry. trace_open() returns at once when tracing is
// on, so on its way on, tracing is off (and unchanged until it sets it at the end): its call
// of trace() with trace_mu held returns before trace_mu. No self-deadlock.
// Twin: trace_reopen() reopens the file under trace_mu whatever the flag, and calls trace()
// when that fails: with tracing on, trace() takes trace_mu again. Reported.
#include <pthread.h>
#include <stdio.h>

static int tracing;
static pthread_mutex_t trace_mu = PTHREAD_MUTEX_INITIALIZER;
static FILE *trace_file;

static void trace(const char *m) {
  if (!tracing)
    return;
  pthread_mutex_lock(&trace_mu);  // EXPECT-STATIC: self-deadlock trace_mu
  fputs(m, trace_file);
  pthread_mutex_unlock(&trace_mu);
}

void trace_open(const char *path) {
  if (tracing)
    return;
  pthread_mutex_lock(&trace_mu);
  trace_file = fopen(path, "a");
  if (!trace_file)
    trace("cannot open the trace file");
  else
    tracing = 1;
  pthread_mutex_unlock(&trace_mu);
}

void trace_reopen(const char *path) {
  pthread_mutex_lock(&trace_mu);
  if (trace_file)
    fclose(trace_file);
  trace_file = fopen(path, "a");
  if (!trace_file)
    trace("cannot reopen the trace file");
  pthread_mutex_unlock(&trace_mu);
}

static void *worker(void *arg) {
  trace_open(arg);
  trace("worker started");
  trace_reopen(arg);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, "/tmp/trace");
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
