// GObject's hierarchy (GStreamer 1.22's gst_element_add_pad(GstElement *element, GstPad *pad)):
// every object embeds a GstObject first, whose `lock` GST_OBJECT_LOCK takes through a cast, so the
// element's lock and the pad's are the same field of two instances. add_pad() holds the
// element's lock while gst_object_set_parent() takes the pad's: an order between two instances,
// set by the arguments. But the parameters are a GstElement* and a GstPad*: no call can pass the
// pad as the element and the element as the pad, so no two calls take these two locks in
// opposite orders. `swap_pads()` takes two objects of one type (GstPad*, GstPad*) in argument
// order, and its callers pass unknown pads: reported.
// The lock is named by the object's own type (`_GstPad::object.lock`, as `pad->object.lock`), not
// `_GstObject::lock` of every object: the registry's lock taken before `plugin_mu` and a pad's
// taken after it are two locks, no cycle (GStreamer's gst_plugin_loading_mutex). A helper taking
// a GstObject * locks the lock the caller names by its type: `obj_lock(GST_OBJECT_CAST(pad))`
// then GST_OBJECT_UNLOCK(pad) is balanced.
// `link_pads(srcpad, sinkpad)` takes two pads, but checks on entry that the first is a source and
// the second a sink (GLib's g_return_val_if_fail, as gst_pad_link_full() does): a pad is never
// the first argument of one call and the second of another, so the order is no inversion; its
// static helper, called only from there, neither. `link_unchecked()` does not check: reported.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

typedef struct _GstObject {
  pthread_mutex_t lock;
  struct _GstObject *parent;
  int refcount;
} GstObject;

typedef struct _GstElement {
  GstObject object;
  int numpads;
} GstElement;

typedef struct _GstPad {
  GstObject object;
  int direction;
} GstPad;

#define GST_OBJECT_CAST(o) ((GstObject *)(o))
#define GST_OBJECT_LOCK(o) pthread_mutex_lock(&GST_OBJECT_CAST(o)->lock)
#define GST_OBJECT_UNLOCK(o) pthread_mutex_unlock(&GST_OBJECT_CAST(o)->lock)

static int gst_object_set_parent(GstObject *object, GstObject *parent) {
  GST_OBJECT_LOCK(object);
  if (object->parent) {
    GST_OBJECT_UNLOCK(object);
    return 0;
  }
  object->parent = parent;
  GST_OBJECT_UNLOCK(object);
  return 1;
}

int gst_element_add_pad(GstElement *element, GstPad *pad) {
  GST_OBJECT_LOCK(element);
  if (!gst_object_set_parent(GST_OBJECT_CAST(pad), GST_OBJECT_CAST(element))) {
    GST_OBJECT_UNLOCK(element);
    return 0;
  }
  element->numpads++;
  GST_OBJECT_UNLOCK(element);
  return 1;
}

void swap_pads(GstPad *a, GstPad *b) {
  GST_OBJECT_LOCK(a);
  GST_OBJECT_LOCK(b);  // EXPECT: instance-order-inversion _GstPad::object.lock
  int d = a->direction;
  a->direction = b->direction;
  b->direction = d;
  GST_OBJECT_UNLOCK(b);
  GST_OBJECT_UNLOCK(a);
}

typedef struct _GstRegistry {
  GstObject object;
  int nfeatures;
} GstRegistry;

static pthread_mutex_t plugin_mu = PTHREAD_MUTEX_INITIALIZER;
static GstRegistry registry;

void registry_load(GstRegistry *r) {
  GST_OBJECT_LOCK(r);
  pthread_mutex_lock(&plugin_mu);
  r->nfeatures++;
  pthread_mutex_unlock(&plugin_mu);
  GST_OBJECT_UNLOCK(r);
}

static void obj_lock(GstObject *o) { GST_OBJECT_LOCK(o); }

void plugin_activate(GstPad *pad) {
  pthread_mutex_lock(&plugin_mu);
  obj_lock(GST_OBJECT_CAST(pad));
  pad->direction = 1;
  GST_OBJECT_UNLOCK(pad);
  GST_OBJECT_LOCK(pad);
  pad->direction++;
  GST_OBJECT_UNLOCK(pad);
  pthread_mutex_unlock(&plugin_mu);
}

#define _G_BOOLEAN_EXPR(expr) __extension__({ int _g_boolean_var_; if (expr) _g_boolean_var_ = 1; else _g_boolean_var_ = 0; _g_boolean_var_; })
#define G_LIKELY(expr) (__builtin_expect(_G_BOOLEAN_EXPR(expr), 1))
#define g_return_val_if_fail(expr, val) do { if (G_LIKELY(expr)) { } else { return (val); } } while (0)
#define GST_PAD_SRC 1
#define GST_PAD_SINK 2
#define GST_PAD_IS_SRC(pad) (((GstPad *)(pad))->direction == GST_PAD_SRC)
#define GST_PAD_IS_SINK(pad) (((GstPad *)(pad))->direction == GST_PAD_SINK)

static int link_locked(GstPad *srcpad, GstPad *sinkpad) {
  GST_OBJECT_LOCK(srcpad);
  GST_OBJECT_LOCK(sinkpad);
  int ok = srcpad->object.parent != sinkpad->object.parent;
  GST_OBJECT_UNLOCK(sinkpad);
  GST_OBJECT_UNLOCK(srcpad);
  return ok;
}

int link_pads(GstPad *srcpad, GstPad *sinkpad) {
  g_return_val_if_fail(srcpad != NULL, 0);
  g_return_val_if_fail(GST_PAD_IS_SRC(srcpad), 0);
  g_return_val_if_fail(GST_PAD_IS_SINK(sinkpad), 0);
  return link_locked(srcpad, sinkpad);
}

int link_unchecked(GstPad *a, GstPad *b) {
  GST_OBJECT_LOCK(a);
  GST_OBJECT_LOCK(b);  // EXPECT: instance-order-inversion _GstPad::object.lock
  int ok = a->object.parent != b->object.parent;
  GST_OBJECT_UNLOCK(b);
  GST_OBJECT_UNLOCK(a);
  return ok;
}

static GstElement elements[2];
static GstPad pads[4];

static void *worker(void *arg) {
  long i = (long)arg;
  gst_element_add_pad(&elements[i & 1], &pads[i & 3]);
  swap_pads(&pads[i & 3], &pads[(i + 1) & 3]);
  registry_load(&registry);
  link_pads(&pads[i & 3], &pads[(i + 1) & 3]);
  link_unchecked(&pads[i & 3], &pads[(i + 1) & 3]);
  plugin_activate(&pads[i & 3]);
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
