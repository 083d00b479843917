// A library's run-once initialisation (NSPR 4.35: _PR_InitStuff() begins with
// `if (_pr_initialized) return; _pr_initialized = PR_TRUE;` and then calls _PR_InitThreads(),
// which makes `pt_book.ml` and counts the primordial thread with `pt_book.user += 1`; the
// threads NSPR creates later count themselves under `pt_book.ml`). The count in
// init_threads() runs once per process, before any thread that takes book.ml exists: no
// update can be lost there. Before, "unlocked read-modify-write of 'book::user': it is
// protected by 'book.ml' elsewhere". The same for init_log(), called only while the flag is
// clear by lib_start(), which sets it. And gc_init() (libgc's GC_init(): `if
// (GC_is_initialized) return;`, then the work, `GC_requested_heapsize += ...` and calls, then
// `GC_is_initialized = TRUE;` at its end): its own update and what it calls.
// Twins: count_user() is called by the initialisation and by new_user() in any thread, so
// its unlocked update races with the locked ones (found); and add_errors(), called after
// `if (stopping) return;`, a flag tested but not set there, is no initialisation; flush()
// after `if (busy) return; busy = 1;` runs again each time `busy = 0` clears the flag; and
// per_thread_init() after a thread-local `if (!ready) { ready = 1; ...` runs once per thread.
// The lock's name in the message is the static's, `ml`, not its internal key.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct book {
  pthread_mutex_t *ml;
  int user;
  int extra;
  int errors;
} book;
static int initialized, log_ready;
static int log_lines;
static pthread_mutex_t *ml;
static int passes;

static void init_threads(void) {
  book.ml = malloc(sizeof *book.ml);
  pthread_mutex_init(book.ml, NULL);
  book.user += 1;  // the primordial thread, counted once
}

static void count_user(void) {
  book.extra += 1;  // EXPECT-STATIC: unlocked-rmw book::extra
}

static void add_errors(void) {
  book.errors += 1;  // EXPECT-STATIC: unlocked-rmw book::errors
}

static int stopping;

static int works;

static void work(void) {
  if (stopping)
    return;
  works += 1;  // EXPECT-STATIC: unlocked-rmw works
  add_errors();
}

static void init_stuff(void) {
  if (initialized)
    return;
  initialized = 1;
  init_threads();
  count_user();
}

static int busy, flushes, threads_seen;

static void flush(void) {
  flushes += 1;  // EXPECT-STATIC: unlocked-rmw flushes
}

static void try_flush(void) {
  if (busy)
    return;
  busy = 1;
  flush();
  busy = 0;
}

static void per_thread_init(void) {
  threads_seen += 1;  // EXPECT-STATIC: unlocked-rmw threads_seen
}

static void thread_setup(void) {
  static __thread int ready;
  if (ready)
    return;
  ready = 1;
  per_thread_init();
}

static int gc_initialized;
static long heap_size, heap_grows;

static void expand_heap(long n) { heap_grows += n; }

static void gc_init(void) {
  if (gc_initialized)
    return;
  heap_size += 4096;
  expand_heap(1);
  gc_initialized = 1;
}

static void init_log(void) { log_lines += 10; }

static void lib_start(void) {
  log_ready = 1;
  init_log();
}

void *new_user(void *arg) {
  (void)arg;
  init_stuff();
  gc_init();
  work();
  try_flush();
  thread_setup();
  if (!log_ready)
    lib_start();
  pthread_mutex_lock(book.ml);
  book.user += 1;
  book.extra += 1;
  book.errors += 1;
  log_lines += 1;
  flushes += 1;
  threads_seen += 1;
  heap_size += 1;
  heap_grows += 1;
  works += 1;
  pthread_mutex_unlock(book.ml);
  count_user();
  return NULL;
}

void *pass_thread(void *arg) {
  (void)arg;
  pthread_mutex_lock(ml);
  passes += 1;
  pthread_mutex_unlock(ml);
  return NULL;
}

void *fail_thread(void *arg) {
  (void)arg;
  passes += 1;  // EXPECT-STATIC: unlocked-rmw passes
  return NULL;
}

int main(void) {
  pthread_t t[4];
  ml = malloc(sizeof *ml);
  pthread_mutex_init(ml, NULL);
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, new_user, NULL);
  pthread_create(&t[2], NULL, pass_thread, NULL);
  pthread_create(&t[3], NULL, fail_thread, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  stopping = 1;
  return 0;
}
