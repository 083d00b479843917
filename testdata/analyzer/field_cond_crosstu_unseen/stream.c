#include "stream.h"

#include <stdlib.h>

void stream_destroy(struct stream *stream) {
  list_del_init(&stream->send_node);
  if (stream->monitor) {
    pthread_mutex_lock(&consumer_lock);
    pthread_mutex_lock(&stream->lock);
    pthread_mutex_unlock(&stream->lock);
    pthread_mutex_unlock(&consumer_lock);
  }
  free(stream);
}
