// hercules' pttrace.c in miniature: the trace lock is taken and given back only `if
// (!nolock)`, a global flag the command loop may change, and between the two tests the
// function calls trace_init(n, 0), which resets the flag only `if (init)`. The call's constant 0
// leaves the flag as it was, so the test before the unlock is the test before the lock, and
// the lock is never held past it: no self-deadlock at the next argument's lock, and no order
// pttlock => tolock. Clean. The twin global_flag_callee_branch_taken.c passes the constant that
// takes the branch.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t pttlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t tolock = PTHREAD_MUTEX_INITIALIZER;
int nolock;
static void *trace;
static int tracen;

#define OBTAIN_PTTLOCK \
  do {                 \
    if (!nolock)       \
      pthread_mutex_lock(&pttlock); \
  } while (0)
#define RELEASE_PTTLOCK \
  do {                  \
    if (!nolock)        \
      pthread_mutex_unlock(&pttlock); \
  } while (0)

void trace_init(int n, int init) {
  trace = n > 0 ? calloc((size_t)n, 16) : NULL;
  tracen = trace ? n : 0;
  if (init)
    nolock = 0;
}

static int timeout_started;

int trace_cmd(int argc, char **argv) {
  for (; argc; --argc, ++argv) {
    if (strcmp(argv[0], "nolock") == 0) {
      nolock = 1;
      continue;
    } else if (strcmp(argv[0], "lock") == 0) {
      nolock = 0;
      continue;
    }
    OBTAIN_PTTLOCK;
    free(trace);
    trace_init(atoi(argv[0]), 0);
    RELEASE_PTTLOCK;
  }
  pthread_mutex_lock(&tolock);
  timeout_started = 1;
  pthread_mutex_unlock(&tolock);
  return 0;
}

static void *timeout_thread(void *arg) {
  pthread_mutex_lock(&tolock);
  OBTAIN_PTTLOCK;
  tracen = 0;
  RELEASE_PTTLOCK;
  pthread_mutex_unlock(&tolock);
  return arg;
}

int main(void) {
  char a[] = "8", b[] = "16";
  char *args[] = {a, b};
  pthread_t t;
  trace_init(0, 1);
  pthread_create(&t, NULL, timeout_thread, NULL);
  trace_cmd(2, args);
  pthread_join(t, NULL);
  free(trace);
  return 0;
}
