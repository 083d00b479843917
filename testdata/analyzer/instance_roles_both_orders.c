// Parameters told apart by their roles (a source pad and a sink pad, checked on entry as
// GStreamer's gst_pad_link_full() does) are never swapped between two calls: the order a
// function takes their locks in is no inversion by itself. But the roles do not order what the
// function does with them: `relink()` calls the locking helper once as (src, sink) and once as
// (sink, src), and `flip_locked()` takes the source's lock before the sink's on one path and
// after it on the other. Two threads relinking (or flipping) one pair of pads deadlock: both
// reported. `link_pads()` passes them in one order only: not reported. Parameters of two distinct
// structs (an element and a pad, `attach_both()`) called both ways are reported too.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

typedef struct _GstObject {
  pthread_mutex_t lock;
  struct _GstObject *parent;
} GstObject;

typedef struct _GstPad {
  GstObject object;
  int direction;
} GstPad;

typedef struct _GstElement {
  GstObject object;
  int numpads;
} GstElement;

#define GST_OBJECT_CAST(o) ((GstObject *)(o))
#define GST_OBJECT_LOCK(o) pthread_mutex_lock(&GST_OBJECT_CAST(o)->lock)
#define GST_OBJECT_UNLOCK(o) pthread_mutex_unlock(&GST_OBJECT_CAST(o)->lock)
#define g_return_val_if_fail(expr, val) do { if (expr) { } else { return (val); } } while (0)
#define GST_PAD_SRC 1
#define GST_PAD_SINK 2
#define GST_PAD_IS_SRC(pad) (((GstPad *)(pad))->direction == GST_PAD_SRC)
#define GST_PAD_IS_SINK(pad) (((GstPad *)(pad))->direction == GST_PAD_SINK)

static int both_locked(GstPad *first, GstPad *second) {
  GST_OBJECT_LOCK(first);
  GST_OBJECT_LOCK(second);  // EXPECT: instance-order-inversion _GstPad::object.lock
  int ok = first->object.parent != second->object.parent;
  GST_OBJECT_UNLOCK(second);
  GST_OBJECT_UNLOCK(first);
  return ok;
}

int relink(GstPad *srcpad, GstPad *sinkpad) {
  g_return_val_if_fail(GST_PAD_IS_SRC(srcpad), 0);
  g_return_val_if_fail(GST_PAD_IS_SINK(sinkpad), 0);
  int a = both_locked(srcpad, sinkpad);
  int b = both_locked(sinkpad, srcpad);
  return a && b;
}

static int linked_once(GstPad *first, GstPad *second) {
  GST_OBJECT_LOCK(first);
  GST_OBJECT_LOCK(second);
  int ok = first->object.parent == NULL;
  GST_OBJECT_UNLOCK(second);
  GST_OBJECT_UNLOCK(first);
  return ok;
}

int link_pads(GstPad *srcpad, GstPad *sinkpad) {
  g_return_val_if_fail(GST_PAD_IS_SRC(srcpad), 0);
  g_return_val_if_fail(GST_PAD_IS_SINK(sinkpad), 0);
  return linked_once(srcpad, sinkpad);
}

int flip_locked(GstPad *srcpad, GstPad *sinkpad, int flip) {
  g_return_val_if_fail(GST_PAD_IS_SRC(srcpad), 0);
  g_return_val_if_fail(GST_PAD_IS_SINK(sinkpad), 0);
  if (flip) {
    GST_OBJECT_LOCK(srcpad);
    GST_OBJECT_LOCK(sinkpad);  // EXPECT: instance-order-inversion _GstPad::object.lock
    srcpad->direction = GST_PAD_SRC;
    GST_OBJECT_UNLOCK(sinkpad);
    GST_OBJECT_UNLOCK(srcpad);
  } else {
    GST_OBJECT_LOCK(sinkpad);
    GST_OBJECT_LOCK(srcpad);  // EXPECT: instance-order-inversion _GstPad::object.lock
    sinkpad->direction = GST_PAD_SINK;
    GST_OBJECT_UNLOCK(srcpad);
    GST_OBJECT_UNLOCK(sinkpad);
  }
  return 1;
}

// The order chosen by a flag every caller passes as 0: one order only, not reported.
static int pair_locked(GstPad *srcpad, GstPad *sinkpad, int sink_first) {
  g_return_val_if_fail(GST_PAD_IS_SRC(srcpad), 0);
  g_return_val_if_fail(GST_PAD_IS_SINK(sinkpad), 0);
  if (sink_first) {
    GST_OBJECT_LOCK(sinkpad);
    GST_OBJECT_LOCK(srcpad);
  } else {
    GST_OBJECT_LOCK(srcpad);
    GST_OBJECT_LOCK(sinkpad);
  }
  srcpad->direction = GST_PAD_SRC;
  GST_OBJECT_UNLOCK(sinkpad);
  GST_OBJECT_UNLOCK(srcpad);
  return 1;
}

static void objects_locked(GstObject *first, GstObject *second) {
  GST_OBJECT_LOCK(first);
  GST_OBJECT_LOCK(second);  // EXPECT: instance-order-inversion _GstObject::lock
  first->parent = second;
  GST_OBJECT_UNLOCK(second);
  GST_OBJECT_UNLOCK(first);
}

void attach_both(GstElement *element, GstPad *pad) {
  objects_locked(GST_OBJECT_CAST(element), GST_OBJECT_CAST(pad));
  objects_locked(GST_OBJECT_CAST(pad), GST_OBJECT_CAST(element));
}

static GstPad pads[4];
static GstElement elements[2];

static void *worker(void *arg) {
  long i = (long)arg;
  relink(&pads[i & 1], &pads[2 + (i & 1)]);
  link_pads(&pads[i & 1], &pads[2 + (i & 1)]);
  flip_locked(&pads[i & 1], &pads[2 + (i & 1)], (int)(i & 2));
  pair_locked(&pads[i & 1], &pads[2 + (i & 1)], 0);
  attach_both(&elements[i & 1], &pads[i & 3]);
  return NULL;
}

int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
