// STATIC-RUN:
// A daemon that serves each container in a process of its own (mdadm's mdmon: main() calls
// start_instance() for every container found, which forks; the parent returns at once, the
// child starts one monitor thread and runs the manager). However many times main() calls it,
// each process has one monitor thread: its unlocked `loop_count += 1` is the only writer of the
// counter, which the manager only reads. Not a lost update. start_pool() has no fork: its pool
// threads share the process, so their unlocked `jobs_done++` is one.
#include <pthread.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int loop_count, stop, jobs_done;

static void *monitor(void *arg) {
  (void)arg;
  while (!stop) {
    loop_count |= 1;
    usleep(1000);
    loop_count += 1;
  }
  return NULL;
}

static void manage(void) {
  int seen = loop_count;
  while (loop_count - seen < 2)
    usleep(1000);
  stop = 1;
}

static int start_instance(int id) {
  int status = 0;
  switch (fork()) {
  case -1:
    return 1;
  case 0:
    break;
  default:
    wait(&status);
    return WEXITSTATUS(status);
  }
  pthread_t t;
  pthread_create(&t, NULL, monitor, NULL);
  manage();
  pthread_join(t, NULL);
  exit(id > 100);
}

static void *pool_worker(void *arg) {
  (void)arg;
  jobs_done++;  // EXPECT-STATIC: unlocked-rmw jobs_done
  return NULL;
}

static void start_pool(pthread_t *t, int n) {
  for (int i = 0; i < n; i++)
    pthread_create(&t[i], NULL, pool_worker, NULL);
}

int main(int argc, char **argv) {
  (void)argv;
  int status = 0;
  for (int i = 1; i < argc; i++)
    status |= start_instance(i);
  status |= start_instance(0);
  pthread_t p[2];
  start_pool(p, 2);
  pthread_join(p[0], NULL);
  pthread_join(p[1], NULL);
  return status;
}
