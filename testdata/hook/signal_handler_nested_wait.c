// signal_handler_first_wait.c's twin for a nested lock: main has taken M on top of A before, so
// its next such lock is predicted, its record counted before the real lock (pending) and the real
// lock the wrapper's tail call: the handler runs with the guard down and M's record on top.
// While main waits there for M (held by `worker`), a timer's handler takes S over and over: those
// locks must only forward, not be taken as nested on the M main only waits for.
// `worker` takes S then M (S => M); recorded as M => S, the handler's locks would close a false
// cycle S => M => S. No report, exit 0.
// HOOK-RUN: timeout=60
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, S = PTHREAD_MUTEX_INITIALIZER, M = PTHREAD_MUTEX_INITIALIZER;
_Atomic int handled, main_waits, released;
sem_t go;

static void on_alarm(int sig) {
  (void)sig;
  if (released) return;  // main may hold M by now: S under M would be a real M => S edge
  pthread_mutex_lock(&S);
  pthread_mutex_unlock(&S);
  if (main_waits) handled++;
}

static void *worker(void *arg) {
  (void)arg;
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, NULL);  // the timer's signals go to main
  pthread_mutex_lock(&S);
  pthread_mutex_lock(&M);  // S => M
  pthread_mutex_unlock(&S);
  sem_post(&go);  // main may block on M now
  while (handled < 50) usleep(1000);  // main has waited on M through 50 handlers
  released = 1;  // before M is free: no handler takes S once main can hold M
  pthread_mutex_unlock(&M);
  return NULL;
}

int main(void) {
  for (int i = 0; i < 3; ++i) {  // A => M, validated: the next one is predicted
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&M);
    pthread_mutex_unlock(&M);
    pthread_mutex_unlock(&A);
  }
  struct sigaction sa = {0};
  sa.sa_handler = on_alarm;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, NULL);
  sem_init(&go, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  sem_wait(&go);  // the worker holds M
  struct itimerval it = {{0, 200}, {0, 200}};
  setitimer(ITIMER_REAL, &it, NULL);
  pthread_mutex_lock(&A);
  main_waits = 1;
  pthread_mutex_lock(&M);  // the pending predicted nested lock: waits for the worker
  main_waits = 0;
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&A);
  pthread_join(t, NULL);
  return handled >= 50 ? 0 : 3;
}
