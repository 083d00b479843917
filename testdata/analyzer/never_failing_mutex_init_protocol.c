// Twin of never_failing_mutex_init.c: the main lock's attribute asks for priority inheritance,
// and pthread_mutex_init() refuses it with ENOTSUP where the kernel has no PI futexes. Its
// failure is logged under the init lock, and the logger takes the main lock, while a function
// that holds the main lock calls the init again: init_lock => main_lock => init_lock, on the
// failure branch, which can run. Reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t main_lock;
static int need_init = 1;
static char last_error[80];
static int table[16];

static void log_msg(const char *msg) {
  pthread_mutex_lock(&main_lock);  // EXPECT-STATIC: lock-order-inversion init_lock => main_lock => init_lock
  snprintf(last_error, sizeof last_error, "%s", msg);
  pthread_mutex_unlock(&main_lock);
}

static int lib_init_lock(void) {
  int status = 0;
  pthread_mutexattr_t attr;
  pthread_mutex_lock(&init_lock);
  if (need_init) {
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT);
    status = pthread_mutex_init(&main_lock, &attr);
    if (status) {
      log_msg("pthread_mutex_init failed");
      pthread_mutex_unlock(&init_lock);
      return status;
    }
    pthread_mutexattr_destroy(&attr);
    need_init = 0;
  }
  pthread_mutex_unlock(&init_lock);
  return status;
}

static void lib_open(int slot) {
  lib_init_lock();
  pthread_mutex_lock(&main_lock);
  lib_init_lock();
  table[slot & 15]++;
  pthread_mutex_unlock(&main_lock);
}

static void *worker(void *arg) {
  lib_open((int)(long)arg);
  log_msg("done");
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
