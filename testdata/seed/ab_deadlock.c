// Seed (threading-notes.md, 死锁): five threads each run actionA() (A, then B) and then actionB()
// (B, then A). After ~2 s the first thread holds B and waits for A in actionB while the second one
// holds A and waits for B in actionA: the program really deadlocks. The hook reports the
// inversion A => B => A before the blocking acquisitions and then, as nothing can move any more,
// the actual deadlock, and ends the process with status 67.
// (The parser takes one EXPECT per line, so actual-deadlock is expected on the calls in run(),
// which are frames of the blocked threads' stacks.)
// HOOK-RUN: exit=67 timeout=30
// CONFIRM: confirmed
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

enum { kThreads = 5 };

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static void say(int id, const char *what) {
  time_t now = time(NULL);
  char buf[32];
  printf("Thread-%d %s %s", id, what, ctime_r(&now, buf));
}

static void actionA(int id) {
  pthread_mutex_lock(&A);
  say(id, "got lock A");
  sleep(2);

  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  say(id, "got lock B");
  usleep(100 * 1000);

  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void actionB(int id) {
  pthread_mutex_lock(&B);
  say(id, "got lock B");
  sleep(2);

  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  say(id, "got lock A");
  usleep(100 * 1000);

  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
}

static void *run(void *arg) {
  int id = (int)(long)arg;
  actionA(id);  // EXPECT: actual-deadlock
  actionB(id);  // EXPECT: actual-deadlock
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  pthread_t threads[kThreads];
  for (long i = 0; i < kThreads; i++)
    pthread_create(&threads[i], NULL, run, (void *)(i + 1));
  for (int i = 0; i < kThreads; i++)
    pthread_join(threads[i], NULL);
  printf("end\n");
  return 0;
}
// STATIC-RUN:
