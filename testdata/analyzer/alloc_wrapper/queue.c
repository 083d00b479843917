// Objects fresh from allocation wrappers (librdkafka's rd_kafka_toppar_new0() on an
// rd_calloc'ed toppar, rd_kafka_q_new0() on an rd_malloc'ed queue after rd_kafka_q_init()):
// the flags a constructor function sets on an object no other thread can see yet are no
// shared update, even though every other update of them takes the object's lock. The
// wrappers are a header's inline function (rd_calloc), another TU's function (x_malloc, and
// new_q() through x_malloc0()), and the init function the object is handed to first keeps
// it (stores it nowhere). The twins are reported: an object published (put on the global
// list, handed to a function that stores it) before the update, one from a function that
// may return shared memory, and the ordinary unlocked update in the thread.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

void *x_malloc(size_t n);
void *x_malloc0(size_t n);
void *x_pool_or_malloc(size_t n);

static inline void *r_calloc(size_t n, size_t k) {
  void *p = calloc(n, k);
  if (!p)
    abort();
  return p;
}

struct q {
  pthread_mutex_t lock;
  unsigned flags;
  int len;
  struct q *next;
  const char *name;
};

static struct q *all;
static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;

static void q_reset(struct q *q) {
  q->len = 0;
  q->next = NULL;
}

static void q_init(struct q *q, const char *name) {
  q_reset(q);
  q->name = name;
  pthread_mutex_init(&q->lock, 0);
}

static void q_link(struct q *q) {
  pthread_mutex_lock(&all_lock);
  q->next = all;
  all = q;
  pthread_mutex_unlock(&all_lock);
}

struct q *q_new(const char *name) {
  struct q *q = r_calloc(1, sizeof(*q));
  q_init(q, name);
  q->flags |= 1;  // fresh: only this thread sees q
  return q;
}

struct q *q_new2(void) {
  struct q *q;
  q = x_malloc(sizeof(*q));
  q_init(q, "q2");
  q->flags |= 2;  // fresh through another TU's wrapper
  q_link(q);
  return q;
}

static struct q *new_q(void) { return (struct q *)x_malloc0(sizeof(struct q)); }

struct q *q_new3(void) {
  struct q *q = new_q();
  q->flags |= 4;  // fresh through a wrapper of a wrapper
  q_link(q);
  q->flags |= 8;  // EXPECT-STATIC: unlocked-rmw q::flags
  return q;
}

struct q *q_new4(void) {
  struct q *q = r_calloc(1, sizeof(*q));
  all = q;
  q->flags |= 16;  // EXPECT-STATIC: unlocked-rmw q::flags
  return q;
}

struct q *q_new5(void) {
  struct q *q = x_pool_or_malloc(sizeof(*q));
  q->flags |= 32;  // EXPECT-STATIC: unlocked-rmw q::flags
  return q;
}

// Every other update of the flags takes the queue's lock (as librdkafka's, at many places).
static void q_set(struct q *q, int op, unsigned f) {
  pthread_mutex_lock(&q->lock);
  switch (op) {
  case 0: q->flags |= f; break;
  case 1: q->flags &= ~f; break;
  case 2: q->flags ^= f; break;
  case 3: q->flags = (q->flags & ~f) | 1; break;
  case 4: q->flags = f; break;
  case 5: q->flags += 0; break;
  case 6: q->flags <<= 0; break;
  default: q->flags |= 1; break;
  }
  pthread_mutex_unlock(&q->lock);
}

static void *worker(void *arg) {
  struct q *q = arg;
  for (int op = 0; op < 8; op++)
    q_set(q, op, 64);
  q->flags &= ~1u;  // EXPECT-STATIC: unlocked-rmw q::flags
  return 0;
}

static void *maker(void *arg) {
  (void)arg;
  q_link(q_new("made"));
  q_new2();
  q_new3();
  q_new4();
  q_new5();
  return 0;
}

int main(void) {
  pthread_t t[4];
  struct q *q = q_new("main");
  q_link(q);
  for (int i = 0; i < 2; i++) {
    pthread_create(&t[i], 0, worker, q);
    pthread_create(&t[2 + i], 0, maker, 0);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return 0;
}
