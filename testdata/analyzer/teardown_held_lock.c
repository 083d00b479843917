// A lock held while its object is torn down (freeDiameter 1.5: fd_dict_fini() write-locks the
// dictionary's dict_lock "to make sure no other operation is ongoing", empties its lists,
// where destroy_object() write-locks the global fd_disp_lock to unlink each object's
// callbacks, then unlocks and destroys dict_lock and frees the dictionary; fd_msg_dispatch()
// read-locks fd_disp_lock and searches the dictionary under a read lock of dict_lock). No
// thread may take dict_lock while fini destroys it (that would take a destroyed lock, on freed
// memory), so fini's dict_lock => disp_lock edge makes no cycle. Before, an inversion
// dictionary::dict_lock => disp_lock => dictionary::dict_lock.
// Twin: dict_clear() empties another dictionary's lists under the same kind of locks and
// keeps the dictionary: a dispatcher can hold disp_lock2 and wait for its dict_lock
// meanwhile (reported). (The locks of a dictionary reached through a global pointer are
// named by the pointer.)
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct object {
  struct object *next;
  int cbs;
};

struct dictionary {
  pthread_rwlock_t dict_lock;
  struct object *objs;
  int count;
};

static pthread_rwlock_t disp_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t disp_lock2 = PTHREAD_RWLOCK_INITIALIZER;
static struct dictionary *g_dict, *g_dict2;

static void destroy_object(struct object *o) {
  pthread_rwlock_wrlock(&disp_lock);
  o->cbs = 0;
  pthread_rwlock_unlock(&disp_lock);
  free(o);
}

static void destroy_list(struct dictionary *d) {
  while (d->objs) {
    struct object *o = d->objs;
    d->objs = o->next;
    destroy_object(o);
  }
}

static void unlink_object(struct object *o) {
  pthread_rwlock_wrlock(&disp_lock2);
  o->cbs = 0;
  pthread_rwlock_unlock(&disp_lock2);
  free(o);
}

static void clear_list(struct dictionary *d) {
  while (d->objs) {
    struct object *o = d->objs;
    d->objs = o->next;
    unlink_object(o);
  }
}

int dict_fini(struct dictionary **dict) {
  pthread_rwlock_wrlock(&(*dict)->dict_lock);
  destroy_list(*dict);
  pthread_rwlock_unlock(&(*dict)->dict_lock);
  pthread_rwlock_destroy(&(*dict)->dict_lock);
  free(*dict);
  *dict = NULL;
  return 0;
}

int dict_clear(struct dictionary *dict) {
  pthread_rwlock_wrlock(&dict->dict_lock);
  clear_list(dict);  // EXPECT-STATIC: lock-order-inversion g_dict2 => disp_lock2
  pthread_rwlock_unlock(&dict->dict_lock);
  return 0;
}

static int dict_search(struct dictionary *dict) {
  pthread_rwlock_rdlock(&dict->dict_lock);
  int n = dict->count;
  pthread_rwlock_unlock(&dict->dict_lock);
  return n;
}

static void *dispatch(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&disp_lock);
  dict_search(g_dict);
  pthread_rwlock_unlock(&disp_lock);
  pthread_rwlock_rdlock(&disp_lock2);
  dict_search(g_dict2);
  pthread_rwlock_unlock(&disp_lock2);
  return NULL;
}

static void *cleaner(void *arg) {
  (void)arg;
  dict_clear(g_dict2);
  return NULL;
}

static void *shutdown_thread(void *arg) {
  (void)arg;
  dict_fini(&g_dict);
  return NULL;
}

int main(void) {
  pthread_t t[4];
  g_dict = calloc(1, sizeof *g_dict);
  g_dict2 = calloc(1, sizeof *g_dict2);
  pthread_rwlock_init(&g_dict->dict_lock, NULL);
  pthread_rwlock_init(&g_dict2->dict_lock, NULL);
  pthread_create(&t[0], NULL, dispatch, NULL);
  pthread_create(&t[1], NULL, dispatch, NULL);
  pthread_create(&t[2], NULL, cleaner, NULL);
  pthread_create(&t[3], NULL, shutdown_thread, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
