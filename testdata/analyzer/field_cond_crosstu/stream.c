// lttng-tools' consumer-stream.c: consumer_stream_destroy() takes the_consumer_data.lock only
// for a monitored, globally visible stream, after unlinking it from its send list.
#include "stream.h"

#include <stdlib.h>

void stream_destroy(struct stream *stream) {
  list_del_init(&stream->send_node);
  if (stream->monitor) {
    if (stream->globally_visible) {
      pthread_mutex_lock(&the_consumer_data.lock);
      pthread_mutex_lock(&stream->lock);
      the_consumer_data.need_update = 1;
      pthread_mutex_unlock(&stream->lock);
      pthread_mutex_unlock(&the_consumer_data.lock);
    }
  }
  free(stream);
}
