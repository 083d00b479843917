// wait_for_registration() waits on a condition with the caller's init_lock (it neither
// takes nor keeps it: the wait gives it back and re-takes it). Calling it with the lock
// held is no self-deadlock, and the caller still holds the lock after it.
// STATIC-RUN:
#include <pthread.h>

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t init_cond = PTHREAD_COND_INITIALIZER;
static int init_count;

static void wait_for_registration(int nthreads) {
  while (init_count < nthreads)
    pthread_cond_wait(&init_cond, &init_lock);
}

static void *worker(void *arg) {
  pthread_mutex_lock(&init_lock);
  init_count++;
  pthread_cond_signal(&init_cond);
  pthread_mutex_unlock(&init_lock);
  return arg;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, worker, 0);
  pthread_mutex_lock(&init_lock);
  wait_for_registration(4);
  init_count = 0;
  pthread_mutex_unlock(&init_lock);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return 0;
}
