// field_cond_crosstu with the stream unlinked by a function of another TU (list.c) that sets
// `monitor` again: the caller's `monitor = 0` does not reach stream_destroy()'s test, and the
// self-deadlock stays.
// STATIC-RUN:
#include "stream.h"

#include <stdlib.h>

pthread_mutex_t consumer_lock = PTHREAD_MUTEX_INITIALIZER;

static void del_stream(struct stream *stream) {
  pthread_mutex_lock(&consumer_lock);
  stream->monitor = 0;
  stream_destroy(stream);  // EXPECT-STATIC: self-deadlock consumer_lock
  pthread_mutex_unlock(&consumer_lock);
}

static void *worker(void *arg) {
  struct stream *s = calloc(1, sizeof *s);
  if (!s)
    return arg;
  s->send_node.next = s->send_node.prev = &s->send_node;
  pthread_mutex_init(&s->lock, NULL);
  del_stream(s);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
