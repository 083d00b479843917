// A GObject's lock taken through a local of the base type (`GstObject *o = GST_OBJECT_CAST (pad);
// GST_OBJECT_LOCK (o);`) and released through the pad itself (`GST_OBJECT_UNLOCK (pad)`) is one
// lock: the pad's, `_GstPad::object.lock`, named by what the local points to, not by the
// local's declared type. The same when a helper taking a `GstObject *` is handed the local.
// Unbalanced, the function would hold `_GstObject::lock` for ever and
// `table_mu` taken after it would form a false cycle with `reparent()` (table_mu, then a
// plain GstObject's lock). `wrong_order()` really takes
// `table_mu` after a pad's lock while `register_pad()` takes a pad's lock after
// `table_mu`: reported, under the pad's one name
// (`_GstPad::object`: the object's only lock).
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

#define GST_OBJECT_CAST(o) ((GstObject *)(o))
#define GST_OBJECT_LOCK(o) pthread_mutex_lock(&GST_OBJECT_CAST(o)->lock)
#define GST_OBJECT_UNLOCK(o) pthread_mutex_unlock(&GST_OBJECT_CAST(o)->lock)

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static int table_size;

static void obj_lock(GstObject *o) { GST_OBJECT_LOCK(o); }

void set_direction(GstPad *pad, int d) {
  GstObject *o = GST_OBJECT_CAST(pad);
  GST_OBJECT_LOCK(o);
  pad->direction = d;
  GST_OBJECT_UNLOCK(pad);
  pthread_mutex_lock(&table_mu);
  table_size++;
  pthread_mutex_unlock(&table_mu);
}

void set_direction_helper(GstPad *pad, int d) {
  GstObject *o = GST_OBJECT_CAST(pad);
  obj_lock(o);
  pad->direction = d;
  GST_OBJECT_UNLOCK(pad);
  pthread_mutex_lock(&table_mu);
  table_size--;
  pthread_mutex_unlock(&table_mu);
}

void register_pad(GstPad *pad) {
  pthread_mutex_lock(&table_mu);
  GST_OBJECT_LOCK(pad);  // EXPECT: lock-order-inversion table_mu => _GstPad::object => table_mu
  pad->direction = 0;
  GST_OBJECT_UNLOCK(pad);
  pthread_mutex_unlock(&table_mu);
}

static GstObject root;

void reparent(GstObject *obj) {
  pthread_mutex_lock(&table_mu);
  GST_OBJECT_LOCK(obj);
  obj->parent = &root;
  GST_OBJECT_UNLOCK(obj);
  pthread_mutex_unlock(&table_mu);
}

void wrong_order(GstPad *pad) {
  GstObject *o = GST_OBJECT_CAST(pad);
  GST_OBJECT_LOCK(o);
  pthread_mutex_lock(&table_mu);
  table_size = pad->direction;
  pthread_mutex_unlock(&table_mu);
  GST_OBJECT_UNLOCK(pad);
}

static GstPad pads[2];

static void *worker(void *arg) {
  long i = (long)arg;
  set_direction(&pads[i & 1], (int)i);
  set_direction_helper(&pads[i & 1], (int)i);
  register_pad(&pads[i & 1]);
  wrong_order(&pads[i & 1]);
  reparent(&root);
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
