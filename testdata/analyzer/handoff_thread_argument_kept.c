// The twin of handoff_thread_argument.c: the receiver thread takes the mutex it is given and gives
// it back, as a lock's user does, and releases nothing it did not take. The test holds the mutex
// while it starts the thread and then locks it again: it waits for itself for ever (and the
// receiver waits for the test). A self-deadlock.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct recv_data {
  pthread_mutex_t *mutex;
  int ready;
};

static void *recv_fn(void *data) {
  struct recv_data *rd = data;
  pthread_mutex_lock(rd->mutex);
  rd->ready = 1;
  pthread_mutex_unlock(rd->mutex);
  return NULL;
}

static int test(void) {
  pthread_mutex_t mutex;
  struct recv_data rd;
  pthread_t t;
  pthread_mutex_init(&mutex, NULL);
  pthread_mutex_lock(&mutex);
  rd.mutex = &mutex;
  rd.ready = 0;
  if (pthread_create(&t, NULL, recv_fn, &rd)) {
    pthread_mutex_unlock(&mutex);
    return 1;
  }
  pthread_mutex_lock(&mutex);  // EXPECT: self-deadlock mutex
  pthread_join(t, NULL);
  pthread_mutex_unlock(&mutex);
  return rd.ready ? 0 : 1;
}

int main(void) { return test(); }
