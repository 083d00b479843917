// STATIC-RUN:
// librdkafka's rd_kafka_q_deq0() (rdkafka_queue.h): "rkq_lock MUST be held". It updates the
// queue's counters without the lock; its callers hold the lock of the queue they pass (one
// through a filter function that is itself called with it held, one through
// rd_kafka_q_apply(), which locks the queue and calls a callback on each op), and
// rd_kafka_q_serve() moves the ops to `localq`, an automatic queue of its own frame that no
// other thread can reach, and dequeues from that one unlocked. None of that is an unlocked
// read-modify-write of 'queue::qlen'. (timeout_check(), called only through apply()'s function
// pointer, runs in no thread the analysis knows of: its call counts neither way.)
// Twin: deq1() is the same, but drain() calls it on a shared queue without its lock: reported.
#include <pthread.h>
#include <stddef.h>

struct op {
  struct op *next;
  int len;
  int version;
};

struct queue {
  pthread_mutex_t lock;
  struct op *head;
  int qlen;
  long qsize;
};

// rkq_lock MUST be held
static void deq0(struct queue *q, struct op *o) {
  q->head = o->next;
  q->qlen--;
  q->qsize -= o->len;
}

// lock MUST be held
static void deq1(struct queue *q, struct op *o) {
  q->head = o->next;
  q->qlen--;  // EXPECT-STATIC: unlocked-rmw queue::qlen
}

static void enq(struct queue *q, struct op *o) {
  pthread_mutex_lock(&q->lock);
  o->next = q->head;
  q->head = o;
  q->qlen++;
  q->qsize += o->len;
  pthread_mutex_unlock(&q->lock);
}

static struct op *filter(struct queue *q, struct op *o, int version) {
  if (o && o->version < version) {
    deq0(q, o);
    deq1(q, o);
    return NULL;
  }
  return o;
}

static struct op *pop(struct queue *q, int version) {
  struct op *o;
  pthread_mutex_lock(&q->lock);
  o = filter(q, q->head, version);
  if (o)
    deq0(q, o);
  pthread_mutex_unlock(&q->lock);
  return o;
}

static int apply(struct queue *q, int (*cb)(struct queue *, struct op *, void *), void *opaque) {
  int cnt = 0;
  pthread_mutex_lock(&q->lock);
  for (struct op *o = q->head, *next; o; o = next) {
    next = o->next;
    cnt += cb(q, o, opaque);
  }
  pthread_mutex_unlock(&q->lock);
  return cnt;
}

static int timeout_check(struct queue *q, struct op *o, void *opaque) {
  if (o->version > *(int *)opaque)
    return 0;
  deq0(q, o);
  return 1;
}

static void serve(struct queue *q) {
  struct queue localq = {PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0};
  pthread_mutex_lock(&q->lock);
  localq.head = q->head;  // move every op to the local queue
  localq.qlen = q->qlen;
  q->head = NULL;
  q->qlen = 0;
  pthread_mutex_unlock(&q->lock);
  while (localq.head)
    deq0(&localq, localq.head);
}

static void drain(struct queue *q) {
  while (q->head)
    deq1(q, q->head);
}

static struct queue queues[2];

static void *worker(void *arg) {
  struct queue *q = &queues[*(int *)arg & 1];
  int now = 5;
  static struct op ops[4];
  for (int i = 0; i < 4; i++)
    enq(q, &ops[i]);
  pop(q, 1);
  apply(q, timeout_check, &now);
  serve(q);
  drain(q);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  int ia = 0, ib = 1;
  pthread_mutex_init(&queues[0].lock, NULL);
  pthread_mutex_init(&queues[1].lock, NULL);
  pthread_create(&a, 0, worker, &ia);
  pthread_create(&b, 0, worker, &ib);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
