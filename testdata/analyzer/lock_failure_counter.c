// An error counter updated only where pthread_mutex_lock() or pthread_mutex_unlock() failed
// (xorriso's Xorriso_write_to_channel(), text_io.c: `ret = pthread_mutex_lock(&xorriso->
// write_to_channel_lock); if (ret != 0) { complaints++; if (complaints <= complaint_limit)
// fprintf(stderr, ...); }`, and the same after the unlock). That way runs only when the lock
// call fails, which a default mutex that was initialised never does: no lost update to report.
// The twins are reported: `contended++` where pthread_mutex_trylock() found the lock busy (a
// way that runs whenever two threads meet), and `messages++` after the checked lock's failure
// branch, on the success way after the unlock.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t channel_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t status_lock = PTHREAD_MUTEX_INITIALIZER;
static long messages;
static int status;

static void write_to_channel(const char *text) {
  static int complaints = 0, complaint_limit = 5;
  int ret, uret, locked = 0;
  ret = pthread_mutex_lock(&channel_lock);
  if (ret != 0) {
    complaints++;
    if (complaints <= complaint_limit)
      fprintf(stderr, "pthread_mutex_lock() for write_to_channel returns %d\n", ret);
  } else {
    locked = 1;
  }
  fputs(text, stdout);
  if (locked) {
    uret = pthread_mutex_unlock(&channel_lock);
    if (uret != 0) {
      complaints++;
      if (complaints <= complaint_limit)
        fprintf(stderr, "pthread_mutex_unlock() for write_to_channel returns %d\n", uret);
    }
  }
  messages++;  // EXPECT-STATIC: unlocked-rmw messages
}

static void set_status(int value) {
  static int failures;
  if (pthread_mutex_lock(&status_lock) == 0) {
    status = value;
    pthread_mutex_unlock(&status_lock);
  } else {
    failures += 1;
  }
}

static void try_status(int value) {
  static int contended;
  if (pthread_mutex_trylock(&status_lock) != 0) {
    contended++;  // EXPECT-STATIC: unlocked-rmw contended
    return;
  }
  status = value;
  pthread_mutex_unlock(&status_lock);
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    write_to_channel("tick\n");
    set_status(i);
    try_status(i);
  }
  return NULL;
}

int main(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return status > 0 ? 0 : 1;
}
