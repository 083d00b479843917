// The C++ expansion of pthread_cleanup_push/pop (glibc's __pthread_cleanup_class: the pop sets
// whether the destructor runs the handler). pop(1) releases the lock there: no self-deadlock
// when the function is called twice, no order from the pool's lock to the queue's. pop(0)
// leaves it held: taking it again is a self-deadlock. A return inside the block runs the handler
// too (the destructor).
// STATIC-RUN:
#include <pthread.h>

struct Pool {
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  int running = 0;
};

struct Queue {
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  Pool *pool = nullptr;
  long items = 0;
};

static void unlock_cb(void *arg) { pthread_mutex_unlock(static_cast<pthread_mutex_t *>(arg)); }

static void pool_stop(Pool *p) {
  pthread_mutex_lock(&p->mu);
  pthread_cleanup_push(unlock_cb, &p->mu);
  p->running = 0;
  pthread_cleanup_pop(1);
}

static int pool_count(Pool *p) {
  pthread_mutex_lock(&p->mu);
  pthread_cleanup_push(unlock_cb, &p->mu);
  return p->running;  // leaves the block: the frame's destructor runs the handler
  pthread_cleanup_pop(1);
}

static void pool_start(Pool *p) {
  pthread_mutex_lock(&p->mu);
  p->running = 1;
  pthread_mutex_unlock(&p->mu);
}

static void queue_add(Queue *q) {
  pthread_mutex_lock(&q->mu);
  q->items++;
  pool_start(q->pool);
  pthread_mutex_unlock(&q->mu);
}

static void queue_stop(Queue *q) {
  pool_stop(q->pool);
  pool_stop(q->pool);
  pool_count(q->pool);
  pool_count(q->pool);
  pthread_mutex_lock(&q->mu);
  q->items = 0;
  pthread_mutex_unlock(&q->mu);
}

static void pool_relock(Pool *p) {
  pthread_mutex_lock(&p->mu);
  pthread_cleanup_push(unlock_cb, &p->mu);
  p->running++;
  pthread_cleanup_pop(0);
  pthread_mutex_lock(&p->mu);  // EXPECT-STATIC: self-deadlock Pool::mu
  p->running++;
  pthread_mutex_unlock(&p->mu);
}

static Pool pool;
static Queue queue;

static void *adder(void *arg) {
  queue_add(&queue);
  return arg;
}

static void *stopper(void *arg) {
  queue_stop(&queue);
  pool_relock(&pool);
  return arg;
}

int main() {
  queue.pool = &pool;
  pthread_t a, b;
  pthread_create(&a, nullptr, adder, nullptr);
  pthread_create(&b, nullptr, stopper, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  return 0;
}
