// global_flag_callee_branch.c where the call between the two tests passes the constant that
// takes the callee's branch: set_nolock(1) sets the flag after the lock was taken with it clear,
// so the unlock is skipped and the lock stays held into the next argument's lock (a
// self-deadlock) and to the end of the loop (the order pttlock => tolock, inverted by the
// timeout thread).
// STATIC-RUN:
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

void set_nolock(int on) {
  if (on)
    nolock = 1;
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
    OBTAIN_PTTLOCK;  // EXPECT: self-deadlock pttlock
    free(trace);
    trace_init(atoi(argv[0]), 0);
    set_nolock(1);
    RELEASE_PTTLOCK;
  }
  pthread_mutex_lock(&tolock);  // EXPECT: lock-order-inversion pttlock => tolock => pttlock
  timeout_started = 1;
  pthread_mutex_unlock(&tolock);
  return 0;
}

static void *timeout_thread(void *arg) {
  pthread_mutex_lock(&tolock);
  OBTAIN_PTTLOCK;  // EXPECT: lock-order-inversion pttlock => tolock => pttlock
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
