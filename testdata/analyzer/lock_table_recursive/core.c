// A buffer's lock is allocated recursive through the table (through a local first, as
// libevent's evbuffer_enable_locking): a buffer function that calls another one with the lock
// held re-takes it, which is no self-deadlock, also when the lock is reached through another
// object's field. The base's lock comes from the same table without the flag: re-taking it is
// a true self-deadlock and is still reported.
// STATIC-RUN:
#include <stddef.h>

#include "locks.h"

struct buffer {
  void *lock;
  size_t len;
};

// a connection reaches its buffer's lock through a field: "conn::input.lock" is buffer::lock
struct conn {
  struct buffer *input;
};

struct base {
  void *th_lock;
  int nactive;
};

static struct buffer *buf;
static struct base *base;

static int buffer_enable_locking(struct buffer *b) {
  void *lock;
  ALLOC_LOCK(lock, LOCKTYPE_RECURSIVE);
  if (!lock)
    return -1;
  b->lock = lock;
  return 0;
}

static size_t buffer_get_length(struct buffer *b) {
  size_t n;
  LOCK(b->lock);
  n = b->len;
  UNLOCK(b->lock);
  return n;
}

static void buffer_drain(struct buffer *b) {
  LOCK(b->lock);
  if (buffer_get_length(b) > 0)
    b->len--;
  UNLOCK(b->lock);
}

static void conn_consume(struct conn *c) {
  LOCK(c->input->lock);
  if (buffer_get_length(c->input) > 0)
    buffer_drain(c->input);
  UNLOCK(c->input->lock);
}

static int base_count(struct base *bs) {
  int n;
  LOCK(bs->th_lock);  // EXPECT-STATIC: self-deadlock base::th_lock
  n = bs->nactive;
  UNLOCK(bs->th_lock);
  return n;
}

static void base_loop_once(struct base *bs) {
  LOCK(bs->th_lock);  // EXPECT-STATIC: self-deadlock base::th_lock
  if (base_count(bs) > 0)
    bs->nactive--;
  UNLOCK(bs->th_lock);
}

static void *worker(void *arg) {
  struct conn c = {buf};
  buffer_drain(buf);
  conn_consume(&c);
  base_loop_once(base);
  return arg;
}

int main(void) {
  static struct buffer b;
  static struct base bs;
  pthread_t t1, t2;
  use_pthreads();
  buf = &b;
  base = &bs;
  if (buffer_enable_locking(buf))
    return 1;
  ALLOC_LOCK(base->th_lock, 0);
  pthread_create(&t1, 0, worker, 0);
  pthread_create(&t2, 0, worker, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
