// kronosnet's threads_common.c in miniature: get_global_wrlock() returns the result of its
// pthread_rwlock_wrlock() call, and the SCTP threads test it (`err = get_global_wrlock(h); if
// (err) { log; continue; }`): where the wrapper's lock call failed, the lock is not held, so the
// loop's next shutdown_in_progress() does not take it while it is held. connect_thread() tests
// the lock call itself. Clean. The twin lock_result_wrapper_count.c returns something else.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

struct handle {
  pthread_rwlock_t global_rwlock;
  int fini_in_progress;
  int links;
};

static int shutdown_in_progress(struct handle *h) {
  int err = pthread_rwlock_rdlock(&h->global_rwlock);
  if (err) {
    fprintf(stderr, "Unable to get read lock\n");
    return -1;
  }
  int ret = h->fini_in_progress;
  pthread_rwlock_unlock(&h->global_rwlock);
  return ret;
}

static int get_global_wrlock(struct handle *h) {
  return pthread_rwlock_wrlock(&h->global_rwlock);
}

static void *listen_thread(void *data) {
  struct handle *h = data;
  int err;
  while (!shutdown_in_progress(h)) {
    usleep(1000);
    err = get_global_wrlock(h);
    if (err) {
      fprintf(stderr, "Unable to get write lock\n");
      continue;
    }
    h->links++;
    pthread_rwlock_unlock(&h->global_rwlock);
  }
  return NULL;
}

static void *connect_thread(void *data) {
  struct handle *h = data;
  while (!shutdown_in_progress(h)) {
    usleep(1000);
    int err = pthread_rwlock_wrlock(&h->global_rwlock);
    if (err != 0)
      continue;
    h->links--;
    pthread_rwlock_unlock(&h->global_rwlock);
  }
  return NULL;
}

int main(void) {
  static struct handle h = {PTHREAD_RWLOCK_INITIALIZER, 0, 0};
  pthread_t a, b;
  pthread_create(&a, NULL, listen_thread, &h);
  pthread_create(&b, NULL, connect_thread, &h);
  usleep(20000);
  pthread_rwlock_wrlock(&h.global_rwlock);
  h.fini_in_progress = 1;
  pthread_rwlock_unlock(&h.global_rwlock);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
