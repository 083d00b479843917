// The streams of recursive_attr_out_param/attr.c (see there): locked here, made there.
#include <stdlib.h>

#include "mutex.h"

typedef struct stream {
  recursive_mutex *mutex;
  plain_mutex *pmutex;
  late_mutex *lmutex;
  int pending;
} stream;

static void flush_buf(stream *s) {
  pthread_mutex_lock(&s->mutex->lock);
  s->pending = 0;
  pthread_mutex_unlock(&s->mutex->lock);
}

void stream_close(stream *s) {
  pthread_mutex_lock(&s->mutex->lock);
  flush_buf(s);
  pthread_mutex_unlock(&s->mutex->lock);
}

static void flush_late(stream *s) {
  pthread_mutex_lock(&s->lmutex->lock);
  s->pending = 0;
  pthread_mutex_unlock(&s->lmutex->lock);
}

void stream_close_late(stream *s) {
  pthread_mutex_lock(&s->lmutex->lock);
  flush_late(s);
  pthread_mutex_unlock(&s->lmutex->lock);
}

static void flush_plain(stream *s) {
  pthread_mutex_lock(&s->pmutex->lock);  // EXPECT-STATIC: self-deadlock stream::pmutex
  s->pending = 0;
  pthread_mutex_unlock(&s->pmutex->lock);
}

void stream_close_plain(stream *s) {
  pthread_mutex_lock(&s->pmutex->lock);
  flush_plain(s);
  pthread_mutex_unlock(&s->pmutex->lock);
}

stream *stream_new(void) {
  stream *s = calloc(1, sizeof *s);
  s->mutex = malloc(sizeof *s->mutex);
  s->pmutex = malloc(sizeof *s->pmutex);
  s->lmutex = malloc(sizeof *s->lmutex);
  late_mutex_init(s->lmutex);
  recursive_mutex_init(s->mutex);
  plain_mutex_init(s->pmutex);
  return s;
}
