// A test of a field of a parameter's object at the callee's entry is a condition on the
// callers (lttng-tools' consumer_del_channel()): del_channel() holds consumer_data.lock
// while clean_stream_list() sets each leftover stream's `monitor = 0` and destroys it;
// stream_destroy() takes consumer_data.lock only `if (stream->monitor)`. Before that test it
// unlinks the stream (list_del_init(&stream->send_node), writing only list nodes' next and
// prev) and asserts it: neither can change `monitor`, so the test is of the value the caller
// set, and the lock is not taken again. The streams the reader thread destroys are
// monitored and take the lock. The twin, field_cond_entry_changed.c, changes the field
// between entry and test in several ways, or passes a monitored stream.
// STATIC-RUN:
#include <assert.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

struct list_head {
  struct list_head *next, *prev;
};

static inline void list_del(struct list_head *e) {
  e->next->prev = e->prev;
  e->prev->next = e->next;
}

static inline void list_del_init(struct list_head *e) {
  list_del(e);
  e->next = e->prev = e;
}

struct channel {
  pthread_mutex_t lock;
  struct list_head streams;
  int refcount;
};

struct stream {
  struct list_head send_node;
  int monitor;
  int globally_visible;
  int fd;
  pthread_mutex_t lock;
  struct channel *chan;
};

static struct {
  pthread_mutex_t lock;
  int need_update;
} consumer_data = {PTHREAD_MUTEX_INITIALIZER, 0};

static void del_channel(struct channel *channel);
void stream_trace_put(struct stream *stream);  // elsewhere

static void stream_close(struct stream *stream) {
  if (stream->fd >= 0)
    close(stream->fd);
  stream->fd = -1;
}

static struct channel *unref_channel(struct stream *stream) {
  if (!--stream->chan->refcount)
    return stream->chan;
  return NULL;
}

static void stream_destroy(struct stream *stream) {
  assert(stream);
  list_del_init(&stream->send_node);
  if (stream->monitor) {
    struct channel *free_chan = NULL;
    if (stream->globally_visible) {
      pthread_mutex_lock(&consumer_data.lock);
      pthread_mutex_lock(&stream->lock);
      stream_close(stream);
      free_chan = unref_channel(stream);
      consumer_data.need_update = 1;
      pthread_mutex_unlock(&stream->lock);
      pthread_mutex_unlock(&consumer_data.lock);
    } else {
      stream_close(stream);
      stream_trace_put(stream);
      free_chan = unref_channel(stream);
    }
    // the test was made before those calls: the channel is destroyed only for a monitored stream
    if (free_chan)
      del_channel(free_chan);
  } else {
    stream_close(stream);
  }
  free(stream);
}

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
  pthread_mutex_lock(&consumer_data.lock);
  pthread_mutex_lock(&channel->lock);
  clean_stream_list(channel);
  pthread_mutex_unlock(&channel->lock);
  pthread_mutex_unlock(&consumer_data.lock);
}

static struct channel the_channel = {PTHREAD_MUTEX_INITIALIZER, {&the_channel.streams, &the_channel.streams}, 1};

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
