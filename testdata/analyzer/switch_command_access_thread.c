// Twin of switch_command_access.c: each worker also sends `CTL_SET_DEBUG` half-way through, so
// two threads can update the debug flags at once without a lock: reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

enum cmds { CTL_SET_DEBUG = 20, CTL_CLEAR_DEBUG = 21 };
#define CTL_LOCK_TEST 61
static unsigned debug_flags;
static pthread_mutex_t test_lock = PTHREAD_MUTEX_INITIALIZER;
static int tests;

static int vcontrol(enum cmds cmd, va_list ap) {
  switch (cmd) {
  case CTL_SET_DEBUG:
    debug_flags |= va_arg(ap, unsigned);  // EXPECT-STATIC: unlocked-rmw debug_flags
    break;
  case CTL_CLEAR_DEBUG:
    debug_flags &= ~va_arg(ap, unsigned);
    break;
  case CTL_LOCK_TEST:
    pthread_mutex_lock(&test_lock);
    tests += va_arg(ap, int);
    pthread_mutex_unlock(&test_lock);
    break;
  default:
    return -1;
  }
  return 0;
}

int control(enum cmds cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  int r = vcontrol(cmd, ap);
  va_end(ap);
  return r;
}

static int debug_enabled(unsigned mask) {
  return (debug_flags & mask) != 0;
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    control(CTL_LOCK_TEST, 1);
    if (i == 50)
      control(CTL_SET_DEBUG, 2u);
    if (debug_enabled(1))
      fputs("worker\n", stderr);
  }
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t a, b;
  if (argc > 1)
    control(CTL_SET_DEBUG, 1u);
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  control(CTL_CLEAR_DEBUG, 1u);
  return 0;
}
