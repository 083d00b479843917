// STATIC-RUN:
// Twin of fork_per_instance_thread.c: here the parent does not leave after fork(); the child
// runs a helper program and the parent goes on to start a monitor thread itself. main() calls
// start_instance() for every argument, so the parent process runs several monitors, and their
// unlocked `loop_count += 1` can lose updates (main() reads the count meanwhile).
#include <pthread.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

static int loop_count, stop;

static void *monitor(void *arg) {
  (void)arg;
  while (!stop) {
    loop_count += 1;  // EXPECT-STATIC: unlocked-rmw loop_count
    usleep(1000);
  }
  return NULL;
}

static int start_instance(pthread_t *t, const char *helper) {
  pid_t pid = fork();
  if (pid == 0) {
    execlp(helper, helper, (char *)NULL);
    _exit(127);
  }
  if (pid < 0)
    return 1;
  return pthread_create(t, NULL, monitor, NULL);
}

int main(int argc, char **argv) {
  pthread_t t[8];
  int n = 0;
  for (int i = 1; i < argc && n < 8; i++)
    if (start_instance(&t[n], argv[i]) == 0)
      n++;
  while (n && loop_count < 100)
    usleep(1000);
  stop = 1;
  for (int i = 0; i < n; i++)
    pthread_join(t[i], NULL);
  return 0;
}
