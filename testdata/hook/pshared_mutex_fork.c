// A process-shared mutex in shared memory, held by the parent across fork(): the child does not
// hold it (the parent does), so the child's lock waits for the parent's unlock - no
// self-deadlock, and no unlock-unheld when the child unlocks it afterwards.
// HOOK-RUN: timeout=30
// TSAN: clean
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pthread_mutex_t *m = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return 2;
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(m, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_mutex_t local = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&local);
  pthread_mutex_lock(m);  // held across the fork, nested (a resolved record)
  pid_t pid = fork();
  if (pid == 0) {
    pthread_mutex_unlock(&local);  // the child's copy of a private mutex is its own
    pthread_mutex_lock(m);  // waits for the parent
    pthread_mutex_unlock(m);
    _exit(0);
  }
  usleep(200000);
  pthread_mutex_unlock(m);
  pthread_mutex_unlock(&local);
  int status;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}
