// Not a hang: a thread blocks in read() on a pipe that a child process writes after sleeping
// three watchdog periods, while main waits to join the thread and another thread waits on a
// condition the reader will signal. read() is a call the hook does not know (it can end at any
// time), so nobody is blocked for ever: no finding, status 0.
// HOOK-RUN: timeout=30
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

int fds[2];
pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t Got = PTHREAD_COND_INITIALIZER;
bool got;  // under M

static void *reader(void *arg) {
  (void)arg;
  char c;
  if (read(fds[0], &c, 1) != 1)
    return NULL;
  pthread_mutex_lock(&M);
  got = true;
  pthread_cond_signal(&Got);
  pthread_mutex_unlock(&M);
  return NULL;
}

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  while (!got)
    pthread_cond_wait(&Got, &M);
  pthread_mutex_unlock(&M);
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0)
    return 1;
  pid_t child = fork();
  if (child == 0) {
    usleep(1500 * 1000);
    (void)!write(fds[1], "x", 1);
    _exit(0);
  }
  pthread_t r, w;
  pthread_create(&r, NULL, reader, NULL);
  pthread_create(&w, NULL, waiter, NULL);
  pthread_join(w, NULL);
  pthread_join(r, NULL);
  waitpid(child, NULL, 0);
  return 0;
}
