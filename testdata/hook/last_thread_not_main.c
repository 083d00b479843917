// A process ends when its last thread ends, whichever thread that is: glibc counts the threads and
// the last one to go calls exit(0) (atexit handlers run). The hook's watchdog thread must not count.
// Two such ends here: main calls pthread_exit and the process lives on in a thread, which forks;
// the child (one thread, not started as main) starts a worker, joins it and returns; the parent's
// thread waits for the child and returns. Each process's atexit handler turns its end into a
// status only it gives: 5 in the child (the parent checks it), 3 in the parent. A watchdog that
// keeps either process alive hangs the run.
// HOOK-RUN: exit=3 timeout=30
// (No TSAN label: TSan does not support creating threads after a multi-threaded fork.)
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t parent;
static volatile int child_ok, worker_ran;
static pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;

static void at_exit(void) {
  if (getpid() != parent) _exit(worker_ran ? 5 : 1);
  _exit(child_ok ? 3 : 4);
}

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  worker_ran = 1;
  pthread_mutex_unlock(&M);
  return NULL;
}

static void *forker(void *arg) {
  (void)arg;
  usleep(100 * 1000);  // main has called pthread_exit by now
  pid_t pid = fork();
  if (pid == 0) {  // the child's only thread
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return NULL;  // the child's last thread: the child ends here
  }
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 5)
    child_ok = 1;
  return NULL;  // the parent's last thread: the parent ends here
}

int main(void) {
  parent = getpid();
  atexit(at_exit);
  pthread_t t;
  pthread_create(&t, NULL, forker, NULL);
  pthread_detach(t);
  pthread_exit(NULL);
}
