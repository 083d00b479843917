// STATIC-RUN:
// A library initialised on first use (czmq's zsys_init()): every entry point calls sys_init()
// first. sys_init() returns at once when `initialized` is set (after an assert()), sets it on
// every way that succeeds, and only handlers clear it: the exit handler it registers with
// atexit() (also called when the init itself fails, which then returns NULL), and
// sys_cleanup(), called only by its pthread_atfork() child handler. The logger, called with
// log_mu held, initialises only while the flag is clear: never after the caller's own
// sys_init(), so the nested sys_init() -> sys_set_name() -> log_mu is no self-deadlock.
// sys_init() sets the flag before it calls back into the library (sys_set_name() calls
// sys_init() again, which then returns at once).
// Twin: lib2, whose flag lib2_reset() clears, called by its fork handler and also by a worker
// (lib2_reload()): after that, the logger's nested init runs with lib2_log_mu held and takes
// it again. Reported.
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static int initialized;
static pthread_mutex_t init_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static void *ctx;
static char name[64];
static int log_errors;

void sys_set_name(const char *n);
void sys_shutdown(void);

static void sys_cleanup(void) {
  ctx = NULL;
  initialized = 0;
}

static void at_fork_child(void) {
  sys_cleanup();
}

void *sys_init(void) {
  if (initialized) {
    assert(ctx);
    return ctx;
  }
  pthread_mutex_lock(&init_mu);
  if (initialized) {
    pthread_mutex_unlock(&init_mu);
    return ctx;
  }
  ctx = malloc(16);
  if (!ctx) {
    sys_shutdown();
    pthread_mutex_unlock(&init_mu);
    return NULL;
  }
  initialized = 1;
  atexit(sys_shutdown);
  pthread_atfork(NULL, NULL, &at_fork_child);
  pthread_mutex_unlock(&init_mu);
  // these call sys_init() again: after the flag is set
  if (getenv("SYS_NAME"))
    sys_set_name(getenv("SYS_NAME"));
  return ctx;
}

void sys_shutdown(void) {
  free(ctx);
  ctx = NULL;
  initialized = 0;
}

static void s_log(const char *m) {
  if (!initialized)
    sys_init();
  log_errors += (int)strlen(m);
}

void sys_set_name(const char *n) {
  sys_init();
  pthread_mutex_lock(&log_mu);
  if (strlen(n) >= sizeof name)
    s_log("name too long");
  else
    strcpy(name, n);
  pthread_mutex_unlock(&log_mu);
}

// the twin
static int lib2_initialized;
static pthread_mutex_t lib2_init_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lib2_log_mu = PTHREAD_MUTEX_INITIALIZER;
static char lib2_name[64];
static int lib2_errors;

void lib2_set_name(const char *n);
static void lib2_at_fork_child(void);

void lib2_init(void) {
  if (lib2_initialized)
    return;
  pthread_mutex_lock(&lib2_init_mu);
  if (!lib2_initialized) {
    lib2_initialized = 1;
    pthread_atfork(NULL, NULL, lib2_at_fork_child);
    pthread_mutex_unlock(&lib2_init_mu);
    if (getenv("LIB2_NAME"))
      lib2_set_name(getenv("LIB2_NAME"));
    return;
  }
  pthread_mutex_unlock(&lib2_init_mu);
}

static void lib2_reset(void) {
  lib2_initialized = 0;
}

static void lib2_at_fork_child(void) {
  lib2_reset();
}

void lib2_reload(void) {
  pthread_mutex_lock(&lib2_init_mu);
  lib2_reset();
  pthread_mutex_unlock(&lib2_init_mu);
}

static void lib2_log(const char *m) {
  if (!lib2_initialized)
    lib2_init();
  lib2_errors += (int)strlen(m);
}

void lib2_set_name(const char *n) {
  lib2_init();
  pthread_mutex_lock(&lib2_log_mu);  // EXPECT-STATIC: self-deadlock lib2_log_mu
  if (strlen(n) >= sizeof lib2_name)
    lib2_log("name too long");
  else
    strcpy(lib2_name, n);
  pthread_mutex_unlock(&lib2_log_mu);
}

static void *worker(void *arg) {
  sys_set_name(arg);
  lib2_set_name(arg);
  return NULL;
}

static void *reloader(void *arg) {
  (void)arg;
  lib2_reload();
  return NULL;
}

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], NULL, worker, "first");
  pthread_create(&t[1], NULL, worker, "second");
  pthread_create(&t[2], NULL, reloader, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
