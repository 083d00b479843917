// After a report (the hook has started its symbolizer), the program reaps all its children with
// wait() until there is none: the symbolizer is not one of them, so the loop ends.
// HOOK-RUN: timeout=30
// (No TSan oracle: its own report starts a symbolizer child the wait() loop then waits for.)
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

pthread_mutex_t M;

int main(void) {
  pthread_mutex_init(&M, NULL);
  pthread_mutex_unlock(&M);  // EXPECT: unlock-unheld M
  for (int i = 0; i < 3; i++)
    if (fork() == 0) _exit(0);
  int reaped = 0;
  while (wait(NULL) > 0) reaped++;
  return reaped == 3 ? 0 : 3;
}
