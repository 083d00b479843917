// A mutex used as a binary semaphore between threads (xfsprogs 6.1.0's xfs_copy: `mainwait`, which
// its own error message calls the "first semaphore", and each worker's `wait`). main locks
// `mainwait` once, then locks it again to wait; the last worker to finish unlocks it (a thread that
// does not own it). Each worker locks its own `wait` again at the top of its loop and main unlocks it
// to hand over the next buffer. Undefined for a POSIX mutex, yet glibc's default mutex does not check
// the owner: no thread deadlocks on itself here. `self_lock` below is a real one: nothing releases
// it from another thread.
// STATIC-RUN:
#include <pthread.h>

#define NW 2
typedef struct {
  pthread_mutex_t wait;
  int id;
} t_args;

static pthread_mutex_t mainwait;
static pthread_mutex_t count_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t self_lock = PTHREAD_MUTEX_INITIALIZER;
static int num_working;
static t_args targ[NW];

static void *begin_reader(void *arg) {
  t_args *a = arg;
  for (;;) {
    pthread_mutex_lock(&a->wait);  // waits for main's next write_wbuf()
    pthread_mutex_lock(&count_mu);
    if (--num_working == 0)
      pthread_mutex_unlock(&mainwait);  // the last worker wakes main
    pthread_mutex_unlock(&count_mu);
  }
  return 0;
}

static void write_wbuf(void) {
  pthread_mutex_lock(&count_mu);
  num_working = NW;
  pthread_mutex_unlock(&count_mu);
  for (int i = 0; i < NW; i++)
    pthread_mutex_unlock(&targ[i].wait);  // hand the buffer to each worker
  pthread_mutex_lock(&mainwait);  // wait for the last of them
}

static void relock(void) {
  pthread_mutex_lock(&self_lock);
  pthread_mutex_lock(&self_lock);  // EXPECT: self-deadlock self_lock
}

int main(void) {
  pthread_t t[NW];
  pthread_mutex_init(&mainwait, 0);
  pthread_mutex_lock(&mainwait);
  for (int i = 0; i < NW; i++) {
    pthread_mutex_init(&targ[i].wait, 0);
    pthread_mutex_lock(&targ[i].wait);  // start out blocking
    targ[i].id = i;
    pthread_create(&t[i], 0, begin_reader, &targ[i]);
  }
  for (int n = 0; n < 3; n++)
    write_wbuf();
  relock();
  return 0;
}
