// liburing 2.3's test/send_recvmsg.c: the test locks a mutex of its own frame, puts its address in
// the struct it starts the receiver thread with, and locks it again: it waits there until the
// receiver, once its receive is queued, unlocks the mutex through that struct. The second lock
// waits for another thread; it is no self-deadlock. (Unlocking a default mutex from a thread that
// does not own it is undefined in POSIX, yet glibc's default mutex does not check the owner.) The
// same hand-off through a global, and with the mutex itself as the argument, is clean too;
// `self_lock` is locked twice with nothing to release it in between: a real one.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct recv_data {
  pthread_mutex_t *mutex;
  int ready;
};

static pthread_mutex_t start_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t self_lock = PTHREAD_MUTEX_INITIALIZER;

static void *recv_fn(void *data) {
  struct recv_data *rd = data;
  pthread_mutex_t *mutex = rd->mutex;
  rd->ready = 1;
  pthread_mutex_unlock(mutex);  // queued: wake the sender
  return NULL;
}

static void *starter(void *arg) {
  pthread_mutex_unlock(arg);  // the lock it was given
  return NULL;
}

static int test(void) {
  pthread_mutex_t mutex;
  struct recv_data rd;
  pthread_t t;
  void *ret;
  pthread_mutex_init(&mutex, NULL);
  pthread_mutex_lock(&mutex);
  rd.mutex = &mutex;
  rd.ready = 0;
  if (pthread_create(&t, NULL, recv_fn, &rd)) {
    pthread_mutex_unlock(&mutex);
    return 1;
  }
  pthread_mutex_lock(&mutex);  // waits for recv_fn()'s unlock
  pthread_join(t, &ret);
  pthread_mutex_unlock(&mutex);
  return rd.ready ? 0 : 1;
}

static int test_global(void) {
  pthread_t t;
  pthread_mutex_lock(&start_mu);
  if (pthread_create(&t, NULL, starter, &start_mu))
    return 1;
  pthread_mutex_lock(&start_mu);  // waits for starter()'s unlock
  pthread_join(t, NULL);
  pthread_mutex_unlock(&start_mu);
  return 0;
}

static void relock(void) {
  pthread_mutex_lock(&self_lock);
  pthread_mutex_lock(&self_lock);  // EXPECT: self-deadlock self_lock
}

int main(void) {
  int r = test() | test_global();
  relock();
  return r;
}
