// STATIC-RUN:
// A lock taken and released under the same test of a field (lttng-tools'
// consumer_del_metadata_stream(): `if (channel->metadata_cache) lock(...)` ... `if
// (channel->metadata_cache) unlock(...)`) with an atomic decrement of another field of the same
// object in between (`uatomic_sub_return(&channel->refcount, 1)`): a call given the address of an
// integer field may write that field, not the pointer tested, so both tests agree and the cache
// lock is not held when the channel is deleted. The twin (del_metadata_stream_put) passes the
// whole channel to chan_put(), whose own body clears the field when the count drops: the
// tests may disagree and the finding stays. (A callee with no body, or one that changes the
// field only deeper down, leaves the test alone: lock_guard_opaque_call.c.)
#include <pthread.h>
#include <stddef.h>

struct cache {
  pthread_mutex_t lock;
  int n;
};
struct chan {
  pthread_mutex_t lock;
  struct cache *metadata_cache;
  void *metadata_stream;
  int refcount;
};
struct stream {
  pthread_mutex_t lock;
  struct chan *chan;
};
static struct {
  pthread_mutex_t lock;
} the_consumer_data = {PTHREAD_MUTEX_INITIALIZER};

static int chan_put(struct chan *c) {
  if (--c->refcount > 0)
    return 1;
  c->metadata_cache = NULL;
  return 0;
}

static void del_channel(struct chan *c) {
  pthread_mutex_lock(&the_consumer_data.lock);
  pthread_mutex_lock(&c->lock);
  pthread_mutex_unlock(&c->lock);
  pthread_mutex_unlock(&the_consumer_data.lock);
}

static void del_metadata_stream(struct stream *stream) {
  struct chan *channel;
  int free_channel = 0;

  pthread_mutex_lock(&the_consumer_data.lock);
  channel = stream->chan;
  pthread_mutex_lock(&channel->lock);
  pthread_mutex_lock(&stream->lock);
  if (channel->metadata_cache)
    pthread_mutex_lock(&channel->metadata_cache->lock);
  if (!__sync_sub_and_fetch(&channel->refcount, 1))
    free_channel = 1;
  stream->chan = NULL;
  channel->metadata_stream = NULL;
  if (channel->metadata_cache)
    pthread_mutex_unlock(&channel->metadata_cache->lock);
  pthread_mutex_unlock(&stream->lock);
  pthread_mutex_unlock(&channel->lock);
  pthread_mutex_unlock(&the_consumer_data.lock);
  if (free_channel)
    del_channel(channel);
}

static void del_metadata_stream_put(struct chan *channel) {
  int free_channel = 0;

  if (channel->metadata_cache)
    pthread_mutex_lock(&channel->metadata_cache->lock);
  if (!chan_put(channel))
    free_channel = 1;
  if (channel->metadata_cache)
    pthread_mutex_unlock(&channel->metadata_cache->lock);
  if (free_channel)
    del_channel(channel);  // EXPECT-STATIC: lock-order-inversion chan::metadata_cache => the_consumer_data.lock => chan::metadata_cache
}

static void *deleter(void *p) {
  struct stream *s = p;
  del_metadata_stream(s);
  del_metadata_stream_put(s->chan);
  return NULL;
}

static void *cache_user(void *p) {
  struct chan *c = p;
  pthread_mutex_lock(&the_consumer_data.lock);
  pthread_mutex_lock(&c->metadata_cache->lock);  // EXPECT-STATIC: lock-order-inversion chan::metadata_cache => the_consumer_data.lock => chan::metadata_cache
  c->metadata_cache->n++;
  pthread_mutex_unlock(&c->metadata_cache->lock);
  pthread_mutex_unlock(&the_consumer_data.lock);
  return NULL;
}

static struct cache the_cache = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct chan the_chan = {PTHREAD_MUTEX_INITIALIZER, &the_cache, NULL, 2};
static struct stream the_stream = {PTHREAD_MUTEX_INITIALIZER, &the_chan};

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, deleter, &the_stream);
  pthread_create(&b, NULL, cache_user, &the_chan);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
