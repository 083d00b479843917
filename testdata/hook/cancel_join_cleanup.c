// A thread cancelled while it joins another: its cleanup handler runs for a while, and the thread
// it was joining joins it in turn. The cancelled join is over when the handler starts - the two
// threads do not wait for each other (no actual deadlock), and the program ends by itself. The
// same for a thread cancelled in a condition wait whose handler keeps the re-taken mutex a while.
// HOOK-RUN: options=watchdog_ms=20 timeout=60
// (No TSan oracle: ThreadSanitizer 19 fails an internal CHECK in the join of a thread cancelled
// in its own join, sanitizer_thread_registry.cpp:348.)
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

static pthread_t joiner, joined;
static atomic_bool joining, handler_done;

static void pause_ms(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0) {
  }
}

static void *joined_main(void *arg) {
  (void)arg;
  while (!atomic_load(&joining)) pause_ms(1);
  pause_ms(50);               // the joiner is blocked in its join by now
  pthread_join(joiner, NULL);  // waits for the cancelled joiner's handler to finish
  return NULL;
}

static void slow_handler(void *arg) {
  (void)arg;
  pause_ms(400);  // twenty looks of the watchdog: the joiner is running, not joining
  atomic_store(&handler_done, true);
}

static void *joiner_main(void *arg) {
  (void)arg;
  pthread_create(&joined, NULL, joined_main, NULL);
  pthread_cleanup_push(slow_handler, NULL);
  atomic_store(&joining, true);
  pthread_join(joined, NULL);  // cancelled here; `joined` then joins this thread
  pthread_cleanup_pop(0);
  return NULL;
}

static pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t C = PTHREAD_COND_INITIALIZER;
static atomic_bool waiting;

static void unlock_slowly(void *arg) {
  (void)arg;
  pause_ms(400);  // holds M (re-taken by the C library) while the watchdog looks
  pthread_mutex_unlock(&M);
}

static void *waiter_main(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  pthread_cleanup_push(unlock_slowly, NULL);
  atomic_store(&waiting, true);
  for (;;) pthread_cond_wait(&C, &M);
  pthread_cleanup_pop(1);
  return NULL;
}

int main(void) {
  pthread_create(&joiner, NULL, joiner_main, NULL);
  while (!atomic_load(&joining)) pause_ms(1);
  pause_ms(20);
  pthread_cancel(joiner);
  while (!atomic_load(&handler_done)) pause_ms(1);
  pthread_join(joined, NULL);  // joined has joined joiner

  pthread_t w;
  pthread_create(&w, NULL, waiter_main, NULL);
  while (!atomic_load(&waiting)) pause_ms(1);
  pthread_mutex_lock(&M);  // the waiter is inside its wait (it released M)
  pthread_mutex_unlock(&M);
  pthread_cancel(w);
  pthread_join(w, NULL);  // the waiter's handler holds M for a while: main waits for it, fine
  pthread_mutex_lock(&M);
  pthread_mutex_unlock(&M);
  return 0;
}
