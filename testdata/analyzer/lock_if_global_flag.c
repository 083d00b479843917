// Locks taken and released under the same test of a global flag that is set once at start-up
// (freeradius' `#define PTHREAD_MUTEX_LOCK if (spawn_flag) pthread_mutex_lock`, corosync's
// `if (totempg_threaded_mode == 1) pthread_mutex_lock(&totempg_mutex)`): on every feasible
// path each function releases what it took, calls in between (that do not write the flag)
// included, so calling them again, or a function that takes the lock again, is no
// self-deadlock. Where the flag is written between the two tests, by the function itself or
// by a function it calls (set_mode() -> mode_off()), the unlock may be skipped: the lock
// taken again after it may be held already. An access made in a callee on the path where the
// flag is off is no unlocked access: that path is the single-threaded mode (log_fd()).
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>

static bool spawn_flag;
int totempg_threaded_mode;
static pthread_mutex_t proxy_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t totempg_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t mode_mutex = PTHREAD_MUTEX_INITIALIZER;
static int proxy_fds, groups, mode_changes;
static bool verbose;

#define PTHREAD_MUTEX_LOCK if (spawn_flag) pthread_mutex_lock
#define PTHREAD_MUTEX_UNLOCK if (spawn_flag) pthread_mutex_unlock

extern int socket_freeze(int fd);

static void log_fd(int fd) {
  if (verbose)
    proxy_fds += fd - fd;
}

static void event_new_fd(int fd) {
  PTHREAD_MUTEX_LOCK(&proxy_mutex);
  proxy_fds++;
  log_fd(fd);
  PTHREAD_MUTEX_UNLOCK(&proxy_mutex);
}

static void freeze_socket(int fd) {
  PTHREAD_MUTEX_LOCK(&proxy_mutex);
  socket_freeze(fd);
  log_fd(fd);
  PTHREAD_MUTEX_UNLOCK(&proxy_mutex);
  event_new_fd(fd);
}

static int groups_initialize(int n) {
  if (totempg_threaded_mode == 1)
    pthread_mutex_lock(&totempg_mutex);
  if (n < 0) {
    if (totempg_threaded_mode == 1)
      pthread_mutex_unlock(&totempg_mutex);
    return -1;
  }
  groups += n;
  if (totempg_threaded_mode == 1)
    pthread_mutex_unlock(&totempg_mutex);
  return 0;
}

static void totempg_finalize(void) {
  if (totempg_threaded_mode == 1)
    pthread_mutex_lock(&totempg_mutex);
  groups = 0;
  if (totempg_threaded_mode == 1)
    pthread_mutex_unlock(&totempg_mutex);
}

// the flag written in between, here or in a callee: the unlock may be skipped, and the lock
// taken again below may be held already
static bool mode_flag;
static void mode_off(void) { mode_flag = false; }
static void set_mode(bool on) {
  if (on)
    mode_off();
}

static void change_mode_inline(void) {
  if (mode_flag)
    pthread_mutex_lock(&mode_mutex);
  mode_flag = verbose;
  if (mode_flag)
    pthread_mutex_unlock(&mode_mutex);
  pthread_mutex_lock(&mode_mutex);  // EXPECT-STATIC: self-deadlock mode_mutex
  mode_changes++;
  pthread_mutex_unlock(&mode_mutex);
}

static void change_mode_callee(void) {
  if (mode_flag)
    pthread_mutex_lock(&mode_mutex);
  set_mode(verbose);
  if (mode_flag)
    pthread_mutex_unlock(&mode_mutex);
  pthread_mutex_lock(&mode_mutex);  // EXPECT-STATIC: self-deadlock mode_mutex
  mode_changes++;
  pthread_mutex_unlock(&mode_mutex);
}

static void *worker(void *arg) {
  freeze_socket(3);
  freeze_socket(4);
  event_new_fd(5);
  groups_initialize(1);
  groups_initialize(2);
  totempg_finalize();
  return arg;
}

static void *moder(void *arg) {
  change_mode_inline();
  change_mode_callee();
  return arg;
}

int main(int argc, char **argv) {
  (void)argv;
  spawn_flag = argc > 1;
  totempg_threaded_mode = argc > 2;
  mode_flag = argc > 3;
  pthread_t a, b, c;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_create(&c, 0, moder, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
