// fork() in a program whose pthread_atfork handlers take nested locks, as Perl's and jemalloc's
// do: the prepare handler takes A then B (so the hook's slow path runs inside fork), the parent
// and child handlers release them. The hook holds none of its own locks across the fork, so the
// handlers neither hang nor deadlock; the child can lock and fork again. A thread alive meanwhile
// takes B then A outside any fork: with the prepare handler's A then B, an inversion.
// HOOK-RUN: timeout=30
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t forked, other_done;

static void prepare(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_lock(&C);  // a third, nested deeper
}
static void release(void) {
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void *other(void *arg) {
  (void)arg;
  sem_wait(&forked);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&other_done);
  return NULL;
}

static void fork_and_wait(int depth) {
  pid_t pid = fork();
  if (pid < 0) exit(2);
  if (pid == 0) {
    pthread_mutex_lock(&C);  // the child's locks work
    pthread_mutex_unlock(&C);
    if (depth > 0) fork_and_wait(depth - 1);
    _exit(0);
  }
  int status;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) exit(3);
}

int main(void) {
  pthread_atfork(prepare, release, release);
  sem_init(&forked, 0, 0);
  sem_init(&other_done, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, other, NULL);
  for (int i = 0; i < 5; i++) fork_and_wait(2);
  sem_post(&forked);
  sem_wait(&other_done);
  pthread_join(t, NULL);
  return 0;
}
