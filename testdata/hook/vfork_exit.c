// A vfork child shares its parent's memory until it execs or calls _exit: the hook's _exit must
// do nothing there. The parent holds back a latent cycle until its exit; the child's _exit must
// neither report it (in the child) nor take it from the parent.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: latent-lock-order A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pid_t pid = vfork();
  if (pid == 0) _exit(0);
  int status;
  waitpid(pid, &status, 0);
  return 0;
}
