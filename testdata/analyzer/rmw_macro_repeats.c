// A logging macro that counts its own re-entry (`log_depth++ ... log_depth--`, kamailio's
// dprint_crit) expanded at several lines of one function that two threads run: a lost
// update is real (the counter can stay nonzero and silence the log), and it is one finding
// of `log_depth` in log_status(), its other site in the notes ("(2 sites)"; one expansion's
// `++` and `--` share the macro's site), not two findings with one fingerprint. The worker's own update in worker() is a second function:
// a finding of its own. tests/analyzer/cli_test.py checks the shape.
// STATIC-RUN:
// TSAN: racy
#include <pthread.h>
#include <stdio.h>

static volatile int log_depth;

#define LOG(msg)              \
  do {                        \
    if (log_depth == 0) {     \
      log_depth++;            \
      fputs(msg, stderr);     \
      log_depth--;            \
    }                         \
  } while (0)

static void log_status(int code) {
  if (code > 100)
    LOG("code above 100\n");  // EXPECT-STATIC: unlocked-rmw log_depth
  else
    LOG("code at most 100\n");  // EXPECT-STATIC: unlocked-rmw log_depth
}

static void *worker(void *arg) {
  for (int i = 0; i < 1000; i++)
    log_status(i + (int)(long)arg);
  log_depth++;  // EXPECT-STATIC: unlocked-rmw log_depth
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, (void *)0L);
  pthread_create(&t2, NULL, worker, (void *)50L);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
