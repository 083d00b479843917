// The twin of field_cond_entry.c: the caller sets `s->monitor = 0` and calls a destroy
// function that takes the lock it holds only `if (s->monitor)`, but between the callee's
// entry and its test the field may have changed, so the test is no condition on the caller:
// - destroy_ext() first gives the stream to a function whose body is not here;
// - destroy_node() unlinks it through a helper that goes back from the list node to the
//   stream (container_of) and sets `monitor`;
// - destroy_own() sets `monitor` itself before testing it;
// - destroy_global() calls a function that sets `monitor` of the stream a global points to;
// - destroy_alias() tests the field of a copy of its pointer (`t = s`), after a call given it.
// And clean_monitored() sets `monitor = 1`: destroy() takes the lock. Each is a self-deadlock.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

struct list_head {
  struct list_head *next, *prev;
};

struct stream {
  struct list_head node;
  int monitor;
  int visible;
};

static pthread_mutex_t lock_ext = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_node = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_own = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_global = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_alias = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_plain = PTHREAD_MUTEX_INITIALIZER;
static int updates;
static struct stream *current;

void stream_refresh(struct stream *s);  // elsewhere: it may set s->monitor

static void node_unlink(struct list_head *n) {
  struct stream *s = (struct stream *)((char *)n - offsetof(struct stream, node));
  n->next = n->prev = n;
  s->monitor = 1;
}

static void wake_current(void) {
  if (current)
    current->monitor = 1;
}

static void destroy_ext(struct stream *s) {
  stream_refresh(s);
  if (s->monitor) {
    pthread_mutex_lock(&lock_ext);
    updates++;
    pthread_mutex_unlock(&lock_ext);
  }
  free(s);
}

static void destroy_node(struct stream *s) {
  node_unlink(&s->node);
  if (s->monitor) {
    pthread_mutex_lock(&lock_node);
    updates++;
    pthread_mutex_unlock(&lock_node);
  }
  free(s);
}

static void destroy_own(struct stream *s) {
  if (s->visible)
    s->monitor = 1;
  if (s->monitor) {
    pthread_mutex_lock(&lock_own);
    updates++;
    pthread_mutex_unlock(&lock_own);
  }
  free(s);
}

static void destroy_global(struct stream *s) {
  wake_current();
  if (s->monitor) {
    pthread_mutex_lock(&lock_global);
    updates++;
    pthread_mutex_unlock(&lock_global);
  }
  free(s);
}

static void destroy_alias(struct stream *s) {
  struct stream *t = s;
  stream_refresh(t);
  if (s->monitor) {
    pthread_mutex_lock(&lock_alias);
    updates++;
    pthread_mutex_unlock(&lock_alias);
  }
  free(s);
}

static void destroy(struct stream *s) {
  if (s->monitor) {
    pthread_mutex_lock(&lock_plain);
    updates++;
    pthread_mutex_unlock(&lock_plain);
  }
  free(s);
}

static void clean_all(struct stream *a, struct stream *b, struct stream *c, struct stream *d, struct stream *e) {
  pthread_mutex_lock(&lock_ext);
  a->monitor = 0;
  destroy_ext(a);  // EXPECT-STATIC: self-deadlock lock_ext
  pthread_mutex_unlock(&lock_ext);
  pthread_mutex_lock(&lock_node);
  b->monitor = 0;
  destroy_node(b);  // EXPECT-STATIC: self-deadlock lock_node
  pthread_mutex_unlock(&lock_node);
  pthread_mutex_lock(&lock_own);
  c->monitor = 0;
  destroy_own(c);  // EXPECT-STATIC: self-deadlock lock_own
  pthread_mutex_unlock(&lock_own);
  pthread_mutex_lock(&lock_global);
  current = d;
  d->monitor = 0;
  destroy_global(d);  // EXPECT-STATIC: self-deadlock lock_global
  pthread_mutex_unlock(&lock_global);
  pthread_mutex_lock(&lock_alias);
  e->monitor = 0;
  destroy_alias(e);  // EXPECT-STATIC: self-deadlock lock_alias
  pthread_mutex_unlock(&lock_alias);
}

static void clean_monitored(struct stream *s) {
  pthread_mutex_lock(&lock_plain);
  s->monitor = 1;
  destroy(s);  // EXPECT-STATIC: self-deadlock lock_plain
  pthread_mutex_unlock(&lock_plain);
}

static struct stream *make(void) { return calloc(1, sizeof(struct stream)); }

static void *worker(void *arg) {
  clean_all(make(), make(), make(), make(), make());
  clean_monitored(make());
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
