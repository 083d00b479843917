// A lookup that returns its slot locked, a variant that hands the slot back through an
// out-parameter, and one that hands back the lock itself: each caller unlocks through its
// own copy of the pointer. The slot's lock is not held after that unlock: no self-deadlock
// when the loop takes the next slot, and no order between a slot and stats_lock, which
// worker() takes after the slot is released and reporter() takes first.
// STATIC-RUN:
#include <pthread.h>

struct slot {
  pthread_mutex_t mu;
  int uses;
};

static struct slot slots[16];
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static struct slot *slot_get(int key) {
  struct slot *s = &slots[key & 15];
  pthread_mutex_lock(&s->mu);
  return s;
}

static int slot_acquire(int key, struct slot **out) {
  struct slot *s = &slots[key & 15];
  pthread_mutex_lock(&s->mu);
  *out = s;
  return 0;
}

static int slot_lock_of(int key, pthread_mutex_t **lockp) {
  struct slot *s = &slots[key & 15];
  pthread_mutex_lock(&s->mu);
  *lockp = &s->mu;
  return s->uses;
}

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++) {
    struct slot *s = slot_get(i);
    s->uses++;
    pthread_mutex_unlock(&s->mu);

    struct slot *t;
    slot_acquire(i + 1, &t);
    t->uses++;
    pthread_mutex_unlock(&t->mu);

    pthread_mutex_t *l;
    slot_lock_of(i + 2, &l);
    pthread_mutex_unlock(l);

    pthread_mutex_lock(&stats_lock);
    total++;
    pthread_mutex_unlock(&stats_lock);
  }
  return arg;
}

static void *reporter(void *arg) {
  pthread_mutex_lock(&stats_lock);
  struct slot *s = slot_get(3);
  total += s->uses;
  pthread_mutex_unlock(&s->mu);
  pthread_mutex_unlock(&stats_lock);
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_create(&c, 0, reporter, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
