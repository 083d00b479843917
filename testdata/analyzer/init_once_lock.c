// A library that initialises itself on first use (NSPR 4.35: PR_Malloc(), PR_GetCurrentThread()
// and most entry points begin with `if (!_pr_initialized) _PR_ImplicitInitialization();`, and
// the initialisation makes the library's locks, `_pr_envLock = PR_NewLock()`, and takes some of
// them, reading the environment under `_pr_envLock`). dup_env() holds env_lock and allocates
// through lib_malloc(): the initialisation below it would take env_lock again, but env_lock
// exists only once the initialisation ran and set the flag, so with it held the call is never
// made; the same for new_user() holding `book.ml` (a global's pointer member the initialisation
// sets). Before, self-deadlocks on env_lock and book.ml, and inversions through them.
// Twin: cfg_lock is a static lock, not made by the initialisation: a thread holding it can be
// the first to call lib_malloc() (set_config() -> lib_malloc() -> lib_init() -> cfg_lock): a
// real self-deadlock on the first call.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static int lib_initialized;
static pthread_mutex_t *env_lock, *log_lock;
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static char *config;
static int log_level;
static struct book {  // (NSPR's pt_book: `pt_book.ml = PR_NewLock()` in _PR_InitThreads())
  pthread_mutex_t *ml;
  int users;
} book;

static pthread_mutex_t *new_lock(void) {
  pthread_mutex_t *m = malloc(sizeof *m);
  pthread_mutex_init(m, NULL);
  return m;
}

static const char *get_env(const char *name) {
  pthread_mutex_lock(env_lock);
  const char *v = getenv(name);
  pthread_mutex_unlock(env_lock);
  return v;
}

static void lib_init(void) {
  lib_initialized = 1;
  env_lock = new_lock();
  log_lock = new_lock();
  book.ml = new_lock();
  pthread_mutex_lock(log_lock);
  log_level = get_env("LIB_LOG") ? 1 : 0;
  pthread_mutex_unlock(log_lock);
  pthread_mutex_lock(book.ml);
  book.users = 0;
  pthread_mutex_unlock(book.ml);
  pthread_mutex_lock(&cfg_lock);  // EXPECT-STATIC: self-deadlock cfg_lock
  if (!config)
    config = strdup("default");
  pthread_mutex_unlock(&cfg_lock);
}

static void *lib_malloc(size_t n) {
  if (!lib_initialized)
    lib_init();
  return malloc(n);
}

char *dup_env(const char *name) {
  pthread_mutex_lock(env_lock);
  const char *v = getenv(name);
  char *copy = v ? lib_malloc(strlen(v) + 1) : NULL;
  if (copy)
    strcpy(copy, v);
  pthread_mutex_unlock(env_lock);
  return copy;
}

int *new_user(void) {
  pthread_mutex_lock(book.ml);
  book.users++;
  int *u = lib_malloc(sizeof *u);
  pthread_mutex_unlock(book.ml);
  return u;
}

void set_config(const char *text) {
  pthread_mutex_lock(&cfg_lock);
  char *c = lib_malloc(strlen(text) + 1);
  strcpy(c, text);
  free(config);
  config = c;
  pthread_mutex_unlock(&cfg_lock);
}

static void *worker(void *arg) {
  free(dup_env((const char *)arg));
  free(new_user());
  set_config("worker");
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, "HOME");
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
