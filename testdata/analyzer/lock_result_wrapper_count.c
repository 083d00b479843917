// lock_result_wrapper.c where the wrapper returns the handle's link count, not its lock call's
// result (`pthread_rwlock_wrlock(...); return h->links;`): the caller's `if (err) continue;`
// leaves the loop's body with the lock held whenever links is nonzero, and the next
// shutdown_in_progress() takes it again (a self-deadlock).
// STATIC-RUN:
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
  pthread_rwlock_wrlock(&h->global_rwlock);
  return h->links;
}

static void *listen_thread(void *data) {
  struct handle *h = data;
  int err;
  while (!shutdown_in_progress(h)) {  // EXPECT: self-deadlock handle::global_rwlock
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
