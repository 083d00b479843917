// The lttng-tools layout of field_cond_entry.c: consumer_del_channel() (consumer.c) holds
// the_consumer_data.lock while clean_channel_stream_list() sets each leftover stream's
// `monitor = 0` and calls consumer_stream_destroy() (consumer-stream.c), which takes that lock
// only `if (stream->monitor)`: the callee's condition on the field at its entry crosses the
// TUs in the facts, and the caller's `monitor == 0` rules it out. No self-deadlock.
// STATIC-RUN:
#include "stream.h"

#include <stdlib.h>

struct consumer_data the_consumer_data = {PTHREAD_MUTEX_INITIALIZER, 0};

static void clean_stream_list(struct channel *channel) {
  struct list_head *pos = channel->streams.next, *n;
  while (pos != &channel->streams) {
    n = pos->next;
    struct stream *stream = (struct stream *)((char *)pos - offsetof(struct stream, send_node));
    stream->monitor = 0;
    stream_destroy(stream);
    pos = n;
  }
}

static void del_channel(struct channel *channel) {
  pthread_mutex_lock(&the_consumer_data.lock);
  pthread_mutex_lock(&channel->lock);
  clean_stream_list(channel);
  pthread_mutex_unlock(&channel->lock);
  pthread_mutex_unlock(&the_consumer_data.lock);
}

static struct channel the_channel = {PTHREAD_MUTEX_INITIALIZER, {&the_channel.streams, &the_channel.streams}};

static void *reader(void *arg) {
  struct stream *s = calloc(1, sizeof *s);
  if (!s)
    return arg;
  s->send_node.next = s->send_node.prev = &s->send_node;
  s->monitor = 1;
  s->globally_visible = 1;
  pthread_mutex_init(&s->lock, NULL);
  stream_destroy(s);
  return arg;
}

static void *closer(void *arg) {
  del_channel(&the_channel);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, reader, 0);
  pthread_create(&b, 0, closer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
