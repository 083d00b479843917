// STATIC-RUN:
// librdkafka's toppar functions (rdkafka_partition.c): rd_kafka_toppar_desired_unlink(),
// _desired_del() and _broker_leave_for_remove() document "toppar_lock() MUST be held" and
// update rktp_flags without taking it: every caller holds the lock of the toppar it passes.
// The callers reach that toppar through a loop over a list (a local of the loop), through a
// TAILQ_FOREACH-style macro, through a member of another object (`rktpar->_private`, taken
// and passed as the same expression), or are themselves called with it held (desired_del()
// calls the other two). A lock held at every call on the object the caller passes is held
// at the callee's entry on its parameter: no unlocked-rmw of 'toppar::flags' there.
// Twin: mark_gone() has one caller that does not hold the lock: reported.
#include <pthread.h>
#include <stddef.h>

struct toppar {
  pthread_mutex_t lock;
  int flags;
  struct toppar *next;
};

struct topic {
  pthread_mutex_t lock;
  struct toppar *desp;  // list of desired partitions
  struct toppar *all;
};

struct part {  // rd_kafka_topic_partition_t: the toppar is a member
  struct toppar *_private;
};

#define F_DESIRED 1
#define F_ON_DESP 2
#define F_REMOVE 4
#define F_UNKNOWN 8
#define F_GONE 16
#define F_PAUSE 32

#define TP_FOREACH(tp, head) for ((tp) = (head); (tp); (tp) = (tp)->next)
#define tp_lock(tp) pthread_mutex_lock(&(tp)->lock)
#define tp_unlock(tp) pthread_mutex_unlock(&(tp)->lock)

static struct topic the_topic = {PTHREAD_MUTEX_INITIALIZER, NULL, NULL};
static struct part parts[4];

// Locks: toppar lock must be held.
static void desired_unlink(struct toppar *tp) {
  if (!(tp->flags & F_ON_DESP))
    return;
  tp->flags &= ~F_ON_DESP;
}

// Locks: toppar lock MUST be held.
static void leave_for_remove(struct toppar *tp) {
  tp->flags |= F_REMOVE;
}

// Locks: toppar lock MUST be held.
static void desired_del(struct toppar *tp) {
  if (!(tp->flags & F_DESIRED))
    return;
  tp->flags &= ~F_DESIRED;
  desired_unlink(tp);
  if (tp->flags & F_UNKNOWN)
    leave_for_remove(tp);
}

static void mark_gone(struct toppar *tp) {
  tp->flags |= F_GONE;  // EXPECT-STATIC: unlocked-rmw toppar::flags
}

static void partition_cnt_update(struct topic *t) {
  struct toppar *tp;
  for (tp = t->all; tp; tp = tp->next) {
    tp_lock(tp);
    tp->flags &= ~F_UNKNOWN;
    desired_unlink(tp);
    mark_gone(tp);
    tp_unlock(tp);
  }
  TP_FOREACH(tp, t->all) {
    tp_lock(tp);
    tp->flags |= F_UNKNOWN;
    leave_for_remove(tp);
    tp_unlock(tp);
  }
}

static void partitions_remove(struct topic *t) {
  struct toppar *tp;
  TP_FOREACH(tp, t->desp) {
    tp_lock(tp);
    desired_del(tp);
    tp_unlock(tp);
  }
}

#define PART_FOREACH(p, list, cnt) for ((p) = &(list)[0]; (p) < &(list)[cnt]; (p)++)

static void serve_removals(struct part *list, int cnt) {
  struct part *rktpar;
  PART_FOREACH(rktpar, list, cnt) {
    if (!rktpar->_private)
      continue;
    tp_lock(rktpar->_private);
    desired_del(rktpar->_private);
    rktpar->_private->flags &= ~F_DESIRED;
    tp_unlock(rktpar->_private);
  }
}

// The toppar's own writers: the flags are updated under its lock.
static void assignment_add(struct toppar *tp) {
  tp_lock(tp);
  tp->flags |= F_DESIRED;
  tp_unlock(tp);
}

static void pause_resume(struct toppar *tp, int pause) {
  tp_lock(tp);
  if (pause)
    tp->flags |= F_PAUSE;
  else
    tp->flags &= ~F_PAUSE;
  tp_unlock(tp);
}

static void drop_unknown(struct toppar *tp) {
  mark_gone(tp);  // no lock: mark_gone()'s write is reported
}

static void *worker(void *arg) {
  struct topic *t = arg;
  struct toppar *tp;
  partition_cnt_update(t);
  partitions_remove(t);
  serve_removals(parts, 4);
  TP_FOREACH(tp, t->all) {
    drop_unknown(tp);
    assignment_add(tp);
    pause_resume(tp, 1);
    pause_resume(tp, 0);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, &the_topic);
  pthread_create(&b, 0, worker, &the_topic);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
