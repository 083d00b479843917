// Seed (threading-notes.md, 递归锁): the deadlock example with one recursive lock instead of A and
// B. Each action takes r_lock twice; the owner's re-acquisition only bumps the count, so there is
// no lock order at all and nothing to report. Five threads, serialized by r_lock.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

enum { kThreads = 5 };

pthread_mutex_t r_lock;

static void say(int id, const char *what) {
  time_t now = time(NULL);
  char buf[32];
  printf("Thread-%d %s %s", id, what, ctime_r(&now, buf));
}

static void actionA(int id) {
  pthread_mutex_lock(&r_lock);
  say(id, "got lock A");
  usleep(20 * 1000);

  pthread_mutex_lock(&r_lock);
  say(id, "got lock B");
  usleep(10 * 1000);

  pthread_mutex_unlock(&r_lock);
  pthread_mutex_unlock(&r_lock);
}

static void actionB(int id) {
  pthread_mutex_lock(&r_lock);
  say(id, "got lock B");
  usleep(20 * 1000);

  pthread_mutex_lock(&r_lock);
  say(id, "got lock A");
  usleep(10 * 1000);

  pthread_mutex_unlock(&r_lock);
  pthread_mutex_unlock(&r_lock);
}

static void *run(void *arg) {
  int id = (int)(long)arg;
  actionA(id);
  actionB(id);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&r_lock, &attr);
  pthread_mutexattr_destroy(&attr);

  pthread_t threads[kThreads];
  for (long i = 0; i < kThreads; i++)
    pthread_create(&threads[i], NULL, run, (void *)(i + 1));
  for (int i = 0; i < kThreads; i++)
    pthread_join(threads[i], NULL);
  pthread_mutex_destroy(&r_lock);
  printf("end\n");
  return 0;
}
// STATIC-RUN:
