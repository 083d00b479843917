// ruby 3.1's compile_compact_jit_code() holds 'mjit_engine_mutex' around a condition wait whose
// failure (glibc fails it only on misuse) calls rb_bug(): the crash report's formatting reaches,
// ten calls further down, a float conversion its formats never ask for, an allocation, and a GC
// hook that takes 'mjit_engine_mutex'. A relock on a way that can only end the process for an
// error, reached through more than six calls, is not reported: the analyzer does not see what
// the report's code decides that deep, and the way needs a failure that is a bug first. Here
// the worker's failed wait calls crash(), and the eighth call down, gc_hook(), takes 'jit_lock'.
// Clean.
// (dying_relock_near.c: the same relock two calls below the failure is reported.)
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jit_cond = PTHREAD_COND_INITIALIZER;
static int units, gc_runs;
static const char *frame_format = "%s";

static void gc_hook(void) {
  pthread_mutex_lock(&jit_lock);
  gc_runs++;
  pthread_mutex_unlock(&jit_lock);
}
static void *gc_alloc(size_t n) {
  gc_hook();
  return malloc(n);
}
static char *format_float(double d) {
  char *s = gc_alloc(32);
  if (s)
    snprintf(s, 32, "%g", d);
  return s;
}
static void format_arg(const char *fmt, double d) {
  if (fmt[1] == 'f')
    free(format_float(d));
}
static void dump_frame(const char *fmt) { format_arg(fmt, 0.0); }
static void dump_stack(void) { dump_frame(frame_format); }
static void bug_report(void) { dump_stack(); }
static _Noreturn void crash(const char *what) {
  fprintf(stderr, "[BUG] %s\n", what);
  bug_report();
  abort();
}

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&jit_lock);
  while (units == 0)
    if (pthread_cond_wait(&jit_cond, &jit_lock) != 0)
      crash("pthread_cond_wait");
  units--;
  pthread_mutex_unlock(&jit_lock);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  pthread_mutex_lock(&jit_lock);
  units = 2;
  pthread_cond_broadcast(&jit_cond);
  pthread_mutex_unlock(&jit_lock);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  gc_hook();
  return 0;
}
