// libgcrypt's gcry_control() in miniature: one control function takes a command and hands it
// to a switch (`_gcry_vcontrol()`); `CTL_SET_DEBUG` updates the debug flags without a lock, the
// command a library user sends once from main() before its threads. The worker threads call
// the same function, but only with `CTL_LOCK_TEST` (through the variadic wrapper, which passes
// its command on), and read the flags where a thread's own code asks for them. No thread's
// call can reach the update: clean (before, the update was reported as unlocked, because the
// workers reach the control function). The twin switch_command_access_thread.c sends
// `CTL_SET_DEBUG` from a worker.
// STATIC-RUN:
// TSAN: clean
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
    debug_flags |= va_arg(ap, unsigned);
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
