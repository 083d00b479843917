// Locks taken and released under the same test: a parameter (`need_lock`), a pointer that
// may be null, a flag set next to the lock, and a search loop that breaks out with the
// bucket locked and unlocks it after the loop when it found something. On every feasible
// path each function releases what it took: none of them returns with a lock held, so
// calling two of them in a row is no self-deadlock and stats_lock is ordered after no
// table lock (stats() takes stats_lock first, then a table lock: the one order).
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct table {
  pthread_mutex_t lock;
  int n;
  struct table *next;
};

static struct table tables[2] = {{PTHREAD_MUTEX_INITIALIZER, 0, &tables[1]}, {PTHREAD_MUTEX_INITIALIZER, 0, NULL}};
static struct table *head = &tables[0];
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long hits;

static void table_add(struct table *t, int need_lock) {
  if (need_lock)
    pthread_mutex_lock(&t->lock);
  t->n++;
  if (need_lock)
    pthread_mutex_unlock(&t->lock);
}

static int table_peek(struct table *t) {
  int n;
  if (t != NULL)
    pthread_mutex_lock(&t->lock);
  n = t ? t->n : 0;
  if (t != NULL)
    pthread_mutex_unlock(&t->lock);
  return n;
}

static void table_touch(struct table *t, int busy) {
  int locked = 0;
  if (!busy) {
    pthread_mutex_lock(&t->lock);
    locked = 1;
  }
  t->n += 0;
  if (locked)
    pthread_mutex_unlock(&t->lock);
}

static int table_find(int key) {
  struct table *t;
  int found = 0;
  for (t = head; t; t = t->next) {
    pthread_mutex_lock(&t->lock);
    if (t->n == key) {
      found = 1;
      break;
    }
    pthread_mutex_unlock(&t->lock);
  }
  if (found) {
    t->n++;
    pthread_mutex_unlock(&t->lock);
  }
  return found;
}

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++) {
    table_add(head, 1);
    table_add(head, 1);
    table_peek(head);
    table_peek(head);
    table_touch(head, i & 1);
    table_touch(head, 0);
    table_find(i);
    table_find(i + 1);
    pthread_mutex_lock(&head->lock);
    table_add(head, 0);
    table_touch(head, 1);
    head->n--;
    pthread_mutex_unlock(&head->lock);
    pthread_mutex_lock(&stats_lock);
    hits++;
    pthread_mutex_unlock(&stats_lock);
  }
  return arg;
}

static void *stats(void *arg) {
  pthread_mutex_lock(&stats_lock);
  pthread_mutex_lock(&head->lock);
  hits += head->n;
  pthread_mutex_unlock(&head->lock);
  pthread_mutex_unlock(&stats_lock);
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_create(&c, 0, stats, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
