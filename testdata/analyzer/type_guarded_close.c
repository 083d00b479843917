// A close function that reaches a lock only for some object types, given a local object whose
// type the caller just set (groonga 13.0.0: grn_obj_set_error() builds its message in a local
// `grn_obj message; GRN_TEXT_INIT(&message, 0);` — the macro writes `(&message)->header.type =
// GRN_BULK` — and ends with `GRN_OBJ_FIN(ctx, &message)`, that is grn_obj_close(), whose
// `switch (obj->header.type)` reaches grn_io_close() -> grn_io_unregister(), which takes
// grn_glock, only under `case GRN_JA: case GRN_TABLE_HASH_KEY: ...`; grn_io_register() calls
// grn_obj_set_error() with grn_glock held). A bulk never goes there. Before, a self-deadlock
// on glock: the local's fields were not followed once its address was taken, and a test of
// several values (the case labels of one branch) was no condition on the callee's lock.
// A call between the two that writes other fields of the object (text_put(), in this TU) keeps
// what the path knows of its type.
// Twins (reported): an object made a journal (`OBJ_JA`) and closed under the lock; one whose
// type a call may have changed meanwhile (retype() is given its address); a switch that
// sends the bulk type to the locking branch too.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

enum { OBJ_VOID = 0, OBJ_BULK = 1, OBJ_JA = 2, OBJ_HASH = 3, OBJ_PAT = 4 };
typedef struct header {
  unsigned char type;
  unsigned char flags;
} header;
typedef struct obj {
  header h;
  void *data;
} obj;

static pthread_mutex_t glock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t journal_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t retyped_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t glock2 = PTHREAD_MUTEX_INITIALIZER;
static int registered;

static void io_unregister(pthread_mutex_t *m, void *io) {
  pthread_mutex_lock(m);
  registered--;
  pthread_mutex_unlock(m);
  free(io);
}

void obj_close(obj *o, pthread_mutex_t *io_lock) {
  switch (o->h.type) {
  case OBJ_BULK:
    free(o->data);
    break;
  case OBJ_JA:
  case OBJ_HASH:
  case OBJ_PAT:
    io_unregister(io_lock, o->data);
    break;
  default:
    break;
  }
}

// the twin switch: a bulk also unregisters
void obj_close_all(obj *o) {
  switch (o->h.type) {
  case OBJ_BULK:
  case OBJ_JA:
    io_unregister(&glock2, o->data);
    break;
  default:
    break;
  }
}

#define TEXT_INIT(o) ((o)->h.type = OBJ_BULK, (o)->h.flags = 0, (o)->data = 0)
#define JA_INIT(o) ((o)->h.type = OBJ_JA, (o)->h.flags = 0, (o)->data = 0)

void retype(obj *o, int t) { o->h.type = (unsigned char)t; }

// writes the text, not the type (as grn_text_printfv(ctx, &message, ...) between the two)
static void text_put(obj *o, const char *s) {
  o->data = (void *)s;
  o->h.flags = 1;
}

void set_error(void) {
  obj message;
  TEXT_INIT(&message);
  text_put(&message, "error");
  obj_close(&message, &glock);
}

void set_error_journal(void) {
  obj journal;
  JA_INIT(&journal);
  obj_close(&journal, &journal_lock);
}

void set_error_retyped(int t) {
  obj message;
  TEXT_INIT(&message);
  retype(&message, t);
  obj_close(&message, &retyped_lock);
}

void set_error_all(void) {
  obj message;
  TEXT_INIT(&message);
  obj_close_all(&message);
}

void io_register(void) {
  pthread_mutex_lock(&glock);
  registered++;
  set_error();
  pthread_mutex_unlock(&glock);
}

void io_register_journal(void) {
  pthread_mutex_lock(&journal_lock);
  registered++;
  set_error_journal();  // EXPECT-STATIC: self-deadlock journal_lock
  pthread_mutex_unlock(&journal_lock);
}

void io_register_retyped(int t) {
  pthread_mutex_lock(&retyped_lock);
  registered++;
  set_error_retyped(t);  // EXPECT-STATIC: self-deadlock retyped_lock
  pthread_mutex_unlock(&retyped_lock);
}

void io_register_all(void) {
  pthread_mutex_lock(&glock2);
  registered++;
  set_error_all();  // EXPECT-STATIC: self-deadlock glock2
  pthread_mutex_unlock(&glock2);
}

static void *worker(void *a) {
  io_register();
  io_register_journal();
  io_register_retyped(OBJ_VOID);
  io_register_all();
  return a;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
