// STATIC-RUN:
// librdkafka's rd_kafka_q_move_cnt(dstq, srcq, cnt, do_locks): `if (do_locks) { lock srcq;
// lock dstq; }`, and for a forwarded queue it calls itself with the forwarded queues and its
// own `do_locks`. Its only caller passes the constant `do_locks = 0`, so no call ever takes
// the two locks: the constant selects the lock-free branch through the recursion too, and
// there is no instance-order-inversion of 'queue::lock'. A constant argument that selects a
// callee's branch is followed up through the callers that pass their flag on, and a path
// that only goes round the recursion brings no other value.
// Twin: move_locked() is the same function, called once with `do_locks = 1` and with the
// queues in both orders: reported.
#include <pthread.h>
#include <stddef.h>

struct queue {
  pthread_mutex_t lock;
  struct queue *fwdq;
  int qlen;
};

static int move_cnt(struct queue *dstq, struct queue *srcq, int cnt, int do_locks) {
  int mcnt = 0;
  if (do_locks) {
    pthread_mutex_lock(&srcq->lock);
    pthread_mutex_lock(&dstq->lock);
  }
  if (!dstq->fwdq && !srcq->fwdq) {
    mcnt = cnt < srcq->qlen ? cnt : srcq->qlen;
    srcq->qlen -= mcnt;
    dstq->qlen += mcnt;
  } else {
    mcnt = move_cnt(dstq->fwdq ? dstq->fwdq : dstq, srcq->fwdq ? srcq->fwdq : srcq, cnt, do_locks);
  }
  if (do_locks) {
    pthread_mutex_unlock(&dstq->lock);
    pthread_mutex_unlock(&srcq->lock);
  }
  return mcnt;
}

static int move_locked(struct queue *dstq, struct queue *srcq, int cnt, int do_locks) {
  int mcnt = 0;
  if (do_locks) {
    pthread_mutex_lock(&srcq->lock);
    pthread_mutex_lock(&dstq->lock);  // EXPECT-STATIC: instance-order-inversion queue::lock
  }
  if (!dstq->fwdq && !srcq->fwdq) {
    mcnt = cnt < srcq->qlen ? cnt : srcq->qlen;
    srcq->qlen -= mcnt;
    dstq->qlen += mcnt;
  } else {
    mcnt = move_locked(dstq->fwdq ? dstq->fwdq : dstq, srcq->fwdq ? srcq->fwdq : srcq, cnt, do_locks);
  }
  if (do_locks) {
    pthread_mutex_unlock(&dstq->lock);
    pthread_mutex_unlock(&srcq->lock);
  }
  return mcnt;
}

static struct queue q1 = {PTHREAD_MUTEX_INITIALIZER, NULL, 0}, q2 = {PTHREAD_MUTEX_INITIALIZER, NULL, 0};

// rd_kafka_q_serve(): moves the ops to a queue of its own frame, with the source locked
static void serve(struct queue *rkq) {
  struct queue localq = {PTHREAD_MUTEX_INITIALIZER, NULL, 0};
  pthread_mutex_lock(&rkq->lock);
  move_cnt(&localq, rkq, 8, 0);
  pthread_mutex_unlock(&rkq->lock);
  localq.qlen = 0;
}

static void *worker(void *arg) {
  serve(arg);
  move_locked(&q1, &q2, 1, 1);
  move_locked(&q2, &q1, 1, 1);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, &q1);
  pthread_create(&b, 0, worker, &q2);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
