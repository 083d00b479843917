// A thread re-enters a recursive mutex it holds, again and again, while a signal handler keeps
// stopping it for longer than two watchdog periods. A re-entry never waits, so however long the
// thread stays inside pthread_mutex_lock, the watchdog must not take it for a thread waiting on
// itself: no actual-deadlock, the program ends normally.
// HOOK-RUN: options=watchdog_ms=20 timeout=60
// TSAN: clean
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t R;
static atomic_int stop;

static void on_signal(int sig) {
  (void)sig;
  struct timespec ts = {0, 60 * 1000 * 1000};  // 60 ms: three watchdog periods
  nanosleep(&ts, NULL);
}

static void *spinner(void *arg) {
  (void)arg;
  pthread_mutex_lock(&R);
  while (!atomic_load(&stop)) {
    pthread_mutex_lock(&R);  // re-entry: count 2
    pthread_mutex_unlock(&R);
  }
  pthread_mutex_unlock(&R);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&R, &a);
  pthread_mutexattr_destroy(&a);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t t;
  pthread_create(&t, NULL, spinner, NULL);
  for (int i = 0; i < 40; i++) {  // about 3 s of interruptions
    pthread_kill(t, SIGUSR1);
    struct timespec ts = {0, 75 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  atomic_store(&stop, 1);
  pthread_join(t, NULL);
  pthread_mutex_destroy(&R);
  return 0;
}
