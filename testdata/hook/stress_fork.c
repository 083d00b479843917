// fork() while other threads hammer locks. The child (one thread: the one that forked) must be
// able to use locks right away: it creates a thread, takes fresh mutexes and a global one that
// the hammering threads never touch, and exits 0. A child that hangs (say on a lock the hook
// held in another thread at the fork) is killed by the parent after 20 s, which then fails.
// The hammering threads take their locks in one consistent order: no finding.
// HOOK-RUN: timeout=120
// (No TSAN label: TSan does not support creating threads after a multi-threaded fork.)
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { kHammers = 4, kLocks = 8, kForks = 30 };

pthread_mutex_t locks[kLocks];
pthread_mutex_t child_only = PTHREAD_MUTEX_INITIALIZER;  // never used by the hammering threads
atomic_bool stop;

static void *hammer(void *arg) {
  unsigned seed = (unsigned)(long)arg;
  while (!atomic_load(&stop)) {
    int first = rand_r(&seed) % kLocks;
    int second = first + 1 + rand_r(&seed) % (kLocks - first);
    pthread_mutex_lock(&locks[first]);
    if (second < kLocks)
      pthread_mutex_lock(&locks[second]);
    void *p = malloc(64);  // keep the allocator busy too
    free(p);
    if (second < kLocks)
      pthread_mutex_unlock(&locks[second]);
    pthread_mutex_unlock(&locks[first]);
  }
  return NULL;
}

static void *child_thread(void *arg) {
  pthread_mutex_t *m = arg;
  pthread_mutex_lock(m);
  pthread_mutex_unlock(m);
  return NULL;
}

static int child(void) {
  pthread_mutex_t fresh1, fresh2;
  pthread_mutex_init(&fresh1, NULL);
  pthread_mutex_init(&fresh2, NULL);
  pthread_mutex_lock(&child_only);
  pthread_mutex_lock(&fresh1);
  pthread_mutex_lock(&fresh2);
  pthread_mutex_unlock(&fresh2);
  pthread_mutex_unlock(&fresh1);
  pthread_mutex_unlock(&child_only);
  pthread_t t;
  if (pthread_create(&t, NULL, child_thread, &fresh1) != 0)
    return 1;
  pthread_join(t, NULL);
  pthread_mutex_destroy(&fresh1);
  pthread_mutex_destroy(&fresh2);
  return 0;
}

// Waits up to 20 s for the child; kills a hung one. Returns its exit status, or -1.
static int wait_child(pid_t pid) {
  for (int i = 0; i < 2000; i++) {
    int status;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r < 0)
      return -1;
    usleep(10 * 1000);
  }
  fprintf(stderr, "child %d hangs after fork: killing it\n", (int)pid);
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  return -1;
}

int main(void) {
  for (int i = 0; i < kLocks; i++)
    pthread_mutex_init(&locks[i], NULL);
  pthread_t hammers[kHammers];
  for (long i = 0; i < kHammers; i++)
    pthread_create(&hammers[i], NULL, hammer, (void *)(i + 1));
  int failures = 0;
  for (int i = 0; i < kForks; i++) {
    usleep(5 * 1000);
    pid_t pid = fork();
    if (pid < 0) {
      perror("fork");
      failures++;
      continue;
    }
    if (pid == 0)
      _exit(child());
    int status = wait_child(pid);
    if (status != 0) {
      fprintf(stderr, "child %d of fork %d: status %d\n", (int)pid, i, status);
      failures++;
    }
  }
  atomic_store(&stop, true);
  for (int i = 0; i < kHammers; i++)
    pthread_join(hammers[i], NULL);
  printf("%d forks, %d failures\n", kForks, failures);
  return failures == 0 ? 0 : 1;
}
