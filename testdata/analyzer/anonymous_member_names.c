// Locks inside anonymous structs and unions read as the source names them (jemalloc's
// `struct malloc_mutex_s { union { struct { ...; pthread_mutex_t lock; }; witness_t witness; };
// ... }`): the global `arenas_lock`, not `arenas_lock..`, and through a pointer
// `malloc_mutex_s::lock`, not `malloc_mutex_s::.`. Two locks of one anonymous struct are two
// fields of the named record (`conn_s::in` and `conn_s::out`).
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>

typedef struct malloc_mutex_s malloc_mutex_t;
struct malloc_mutex_s {
  union {
    struct {
      int prof_data;
      pthread_mutex_t lock;
    };
    int witness;
  };
  bool locked;
};

struct conn_s {
  int fd;
  struct {
    pthread_mutex_t in, out;
  };
};

static malloc_mutex_t arenas_lock = {{{0, PTHREAD_MUTEX_INITIALIZER}}, false};
static struct conn_s the_conn = {0, {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER}};
static int narenas;

static void mutex_lock(malloc_mutex_t *m) { pthread_mutex_lock(&m->lock); }
static void mutex_unlock(malloc_mutex_t *m) { pthread_mutex_unlock(&m->lock); }

static void arena_init(void) {
  mutex_lock(&arenas_lock);
  narenas++;
  mutex_unlock(&arenas_lock);
}

static void arena_choose(void) {
  mutex_lock(&arenas_lock);
  arena_init();  // EXPECT-STATIC: self-deadlock arenas_lock
  mutex_unlock(&arenas_lock);
}

static void relock(malloc_mutex_t *m) {
  mutex_lock(m);
  mutex_lock(m);  // EXPECT-STATIC: self-deadlock malloc_mutex_s::lock
  mutex_unlock(m);
}

static void *reader(void *arg) {
  struct conn_s *c = arg;
  pthread_mutex_lock(&c->in);
  pthread_mutex_lock(&c->out);  // EXPECT-STATIC: lock-order-inversion conn_s::in => conn_s::out => conn_s::in
  pthread_mutex_unlock(&c->out);
  pthread_mutex_unlock(&c->in);
  return arg;
}

static void *writer(void *arg) {
  struct conn_s *c = arg;
  pthread_mutex_lock(&c->out);
  pthread_mutex_lock(&c->in);  // EXPECT-STATIC: lock-order-inversion conn_s::in => conn_s::out => conn_s::in
  pthread_mutex_unlock(&c->in);
  pthread_mutex_unlock(&c->out);
  return arg;
}

int main(void) {
  pthread_t r, w;
  arena_choose();
  relock(&arenas_lock);
  pthread_create(&r, 0, reader, &the_conn);
  pthread_create(&w, 0, writer, &the_conn);
  pthread_join(r, 0);
  pthread_join(w, 0);
  return narenas;
}
