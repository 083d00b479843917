// fork() while another thread writes reports: the child must not inherit the hook's report locks
// held. One thread writes 150 unlock-unheld reports (each symbolizes its stack), while the main
// thread forks 15 children, each of which writes a report of its own at once and exits. Every
// child finishes.
// HOOK-RUN: timeout=60
// TSAN: clean
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { kReports = 150, kChildren = 15 };

pthread_mutex_t M[kReports];
pthread_mutex_t C;
volatile int reporter_done;

static void *reporter(void *arg) {
  (void)arg;
  for (int i = 0; i < kReports; i++) pthread_mutex_unlock(&M[i]);  // EXPECT: unlock-unheld
  reporter_done = 1;
  return NULL;
}

int main(void) {
  for (int i = 0; i < kReports; i++) pthread_mutex_init(&M[i], NULL);
  pthread_mutex_init(&C, NULL);
  pthread_t t;
  pthread_create(&t, NULL, reporter, NULL);
  for (int i = 0; i < kChildren; i++) {
    usleep(20000);
    pid_t pid = fork();
    if (pid < 0) exit(2);
    if (pid == 0) {
      pthread_mutex_unlock(&C);  // EXPECT: unlock-unheld C
      _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) exit(3);
  }
  pthread_join(t, NULL);
  return reporter_done ? 0 : 4;
}
