// The search loop of loop_exit_by_last_index.cpp in C: the queue is locked and unlocked through
// wrappers taking `struct queue *`, and a helper `ready(q, i)` takes the queue by a non-const
// pointer but writes none of its fields (its body is here): neither changes `q->n`, so the loop
// still leaves only through its body and `consumer()` is no self-deadlock. `consumer_macro()`
// unlocks with a `do { ... } while (0)` macro right before `break`: the same.
// `consumer_switch()` drops the lock for a sleep inside a `switch` and takes it back: its `break`
// leaves the switch, not the loop, so another producer may shrink the queue meanwhile and the
// loop may end by its condition with the lock held: the next round's lock is reported.
// STATIC-RUN:
#include <pthread.h>
#include <unistd.h>

struct queue {
  pthread_mutex_t mu;
  unsigned n;
  int items[16];
};

static void queue_lock(struct queue *q) { pthread_mutex_lock(&q->mu); }
static void queue_unlock(struct queue *q) { pthread_mutex_unlock(&q->mu); }
static int ready(struct queue *q, unsigned i) { return q->items[i & 15] > 0; }

#define QUEUE_UNLOCK(q) do { pthread_mutex_unlock(&(q)->mu); } while (0)

void *consumer(void *arg) {
  struct queue *q = arg;
  for (;;) {
    queue_lock(q);
    for (unsigned i = 0; i <= q->n; ++i) {
      if (i == q->n) {
        queue_unlock(q);
        return 0;
      }
      if (ready(q, i)) {
        q->items[i & 15] = 0;
        queue_unlock(q);
        break;
      }
    }
  }
}

void *consumer_macro(void *arg) {
  struct queue *q = arg;
  for (;;) {
    queue_lock(q);
    for (unsigned i = 0; i <= q->n; ++i) {
      if (i == q->n) {
        QUEUE_UNLOCK(q);
        return 0;
      }
      if (ready(q, i)) {
        QUEUE_UNLOCK(q);
        break;
      }
    }
  }
}

void *consumer_switch(void *arg) {
  struct queue *q = arg;
  for (;;) {
    pthread_mutex_lock(&q->mu);  // EXPECT: self-deadlock queue::mu
    for (unsigned i = 0; i <= q->n; ++i) {
      if (i == q->n) {
        pthread_mutex_unlock(&q->mu);
        return 0;
      }
      switch (q->items[i & 15]) {
      case 0:
        pthread_mutex_unlock(&q->mu);
        usleep(10);
        pthread_mutex_lock(&q->mu);
        break;
      default:
        break;
      }
    }
  }
}

void *producer(void *arg) {
  struct queue *q = arg;
  pthread_mutex_lock(&q->mu);
  if (q->n > 0)
    q->n--;
  pthread_mutex_unlock(&q->mu);
  return 0;
}

int main(void) {
  static struct queue q = {PTHREAD_MUTEX_INITIALIZER, 4, {0}};
  pthread_t t[4];
  pthread_create(&t[0], 0, consumer, &q);
  pthread_create(&t[1], 0, consumer_macro, &q);
  pthread_create(&t[2], 0, consumer_switch, &q);
  pthread_create(&t[3], 0, producer, &q);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return 0;
}
