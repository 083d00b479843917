// Signal handlers that lock (undefined by POSIX, yet common and harmless without the hook): a
// timer interrupts the main thread every 50 us, anywhere - inside its lock calls, inside the
// hook's own work (a new lock's node, a nested acquisition's slow path, a mutex's init and
// destroy) - and the handler takes two locks of its own, nested. No deadlock, and no false
// report: the main thread's records are never mixed with the handler's.
// HOOK-RUN: timeout=60
// TSAN: clean
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>

pthread_mutex_t S = PTHREAD_MUTEX_INITIALIZER, S2 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
volatile sig_atomic_t handled;

static void on_alarm(int sig) {
  (void)sig;
  pthread_mutex_lock(&S);
  pthread_mutex_lock(&S2);
  pthread_mutex_unlock(&S2);
  pthread_mutex_unlock(&S);
  handled = handled + 1;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {{0, 50}, {0, 50}};
  setitimer(ITIMER_REAL, &it, NULL);
  for (int round = 0; round < 200000 || handled < 1000; round++) {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);
    if (round % 16 == 0) {  // new locks: nodes, index updates, destroys under the hook's lock
      pthread_mutex_t *m = malloc(sizeof(pthread_mutex_t));
      pthread_mutex_init(m, NULL);
      pthread_mutex_lock(&A);
      pthread_mutex_lock(m);
      pthread_mutex_unlock(m);
      pthread_mutex_unlock(&A);
      pthread_mutex_destroy(m);
      free(m);
    }
    if (round > 10000000) return 3;  // the timer never fired
  }
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  return 0;
}
