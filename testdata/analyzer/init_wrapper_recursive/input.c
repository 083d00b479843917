// A mutex initialised through a function of another TU that makes its parameter recursive
// (mpv: `mpthread_mutex_init_recursive(&ictx->mutex)`, defined in osdep/threads.c): an input
// function that calls another one with the lock held re-takes it, which is no self-deadlock.
// The demuxer's mutex goes through the other TU's plain initialiser, the output's through
// either (a second output made plain): re-taking them is a true self-deadlock and is still
// reported.
// STATIC-RUN:
#include "threads.h"

struct input_ctx {
  pthread_mutex_t mutex;
  int queued;
};

struct demux_ctx {
  pthread_mutex_t lock;
  int packets;
};

struct output_ctx {
  pthread_mutex_t lock;
  int frames;
};

static struct input_ctx *ictx;
static struct demux_ctx *dmx;
static struct output_ctx *out, *out2;

static int input_queued(struct input_ctx *ic) {
  int n;
  pthread_mutex_lock(&ic->mutex);
  n = ic->queued;
  pthread_mutex_unlock(&ic->mutex);
  return n;
}

static void input_drain(struct input_ctx *ic) {
  pthread_mutex_lock(&ic->mutex);
  if (input_queued(ic) > 0)
    ic->queued--;
  pthread_mutex_unlock(&ic->mutex);
}

static int demux_count(struct demux_ctx *d) {
  int n;
  pthread_mutex_lock(&d->lock);  // EXPECT-STATIC: self-deadlock demux_ctx::lock
  n = d->packets;
  pthread_mutex_unlock(&d->lock);
  return n;
}

static void demux_read(struct demux_ctx *d) {
  pthread_mutex_lock(&d->lock);  // EXPECT-STATIC: self-deadlock demux_ctx::lock
  if (demux_count(d) > 0)
    d->packets--;
  pthread_mutex_unlock(&d->lock);
}

static int output_frames(struct output_ctx *o) {
  int n;
  pthread_mutex_lock(&o->lock);  // EXPECT-STATIC: self-deadlock output_ctx::lock
  n = o->frames;
  pthread_mutex_unlock(&o->lock);
  return n;
}

static void output_flush(struct output_ctx *o) {
  pthread_mutex_lock(&o->lock);  // EXPECT-STATIC: self-deadlock output_ctx::lock
  if (output_frames(o) > 0)
    o->frames = 0;
  pthread_mutex_unlock(&o->lock);
}

static void *worker(void *arg) {
  input_drain(ictx);
  demux_read(dmx);
  output_flush(out);
  output_flush(out2);
  log_line("worker done\n");
  return arg;
}

int main(void) {
  static struct input_ctx ic;
  static struct demux_ctx d;
  static struct output_ctx o, o2;
  pthread_t t1, t2;
  log_init();
  ictx = &ic;
  dmx = &d;
  mutex_init_recursive(&ictx->mutex);
  mutex_init_plain(&dmx->lock);
  out = &o;
  out2 = &o2;
  mutex_init_recursive(&out->lock);
  mutex_init_plain(&out2->lock);
  pthread_create(&t1, 0, worker, 0);
  pthread_create(&t2, 0, worker, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
