// A library that makes its main lock recursive on first use, under an init lock, and logs each
// failure of the attribute and init calls (cfitsio's fitsio_init_lock() in miniature). The
// logger takes the main lock, and a function that holds the main lock may call the init again,
// which takes the init lock: main_lock => init_lock. The other order would come from the
// logging on the failure branches, but glibc's pthread_mutexattr_settype() given one of its
// four kinds, and pthread_mutex_init() given no attribute or one that sets no priority
// protocol, return 0 every time: those branches never run. Clean. Before, they were followed
// and `init_lock => main_lock => init_lock` was reported. The twin
// never_failing_mutex_init_protocol.c asks for priority inheritance, which pthread_mutex_init()
// may refuse (ENOTSUP): there the inversion is reported.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t main_lock;
static pthread_mutex_t table_lock;
static int need_init = 1;
static char last_error[80];
static int table[16];

static void log_msg(const char *msg) {
  pthread_mutex_lock(&main_lock);
  snprintf(last_error, sizeof last_error, "%s", msg);
  pthread_mutex_unlock(&main_lock);
}

static int lib_init_lock(void) {
  int status = 0;
  pthread_mutexattr_t attr;
  pthread_mutex_lock(&init_lock);
  if (need_init) {
    status = pthread_mutexattr_init(&attr);
    if (status) {
      log_msg("pthread_mutexattr_init failed");
      pthread_mutex_unlock(&init_lock);
      return status;
    }
    status = pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    if (status) {
      log_msg("pthread_mutexattr_settype failed");
      pthread_mutex_unlock(&init_lock);
      return status;
    }
    status = pthread_mutex_init(&main_lock, &attr);
    if (status) {
      log_msg("pthread_mutex_init failed");
      pthread_mutex_unlock(&init_lock);
      return status;
    }
    if (pthread_mutex_init(&table_lock, NULL) != 0)
      log_msg("pthread_mutex_init failed for the table");
    pthread_mutexattr_destroy(&attr);
    need_init = 0;
  }
  pthread_mutex_unlock(&init_lock);
  return status;
}

static void lib_open(int slot) {
  lib_init_lock();
  pthread_mutex_lock(&main_lock);
  lib_init_lock();  // a nested open (a template that opens a member file) initialises again
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
