// Several instances of one Class::field lock are not one lock. A resize locks the old bucket,
// then each new bucket (array elements: not known to be the same one): no self-deadlock.
// lock_pair(parent, child) is only ever called with a parent and its own child, in that
// order, and lock_two() is never called: no instance-order-inversion. A connection is
// locked while it is still private to the thread that allocated it, and table_lock is
// taken under it; the sweeper takes table_lock, then connections already in the table:
// the fresh connection cannot be one of them, so the two orders cannot deadlock.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct bucket {
  pthread_mutex_t lock;
  int n;
};

struct node {
  pthread_mutex_t mu;
  struct node *child;
  int refs;
};

struct conn {
  pthread_mutex_t mu;
  struct conn *next;
  int state;
};

static struct bucket old_tab[8], new_tab[16];
static struct node root;
static struct conn *conns;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static void rehash(int i) {
  struct bucket *old = &old_tab[i];
  pthread_mutex_lock(&old->lock);
  for (int k = 0; k < 2; k++) {
    struct bucket *nb = &new_tab[2 * i + k];
    pthread_mutex_lock(&nb->lock);
    nb->n += old->n / 2;
    pthread_mutex_unlock(&nb->lock);
  }
  old->n = 0;
  pthread_mutex_unlock(&old->lock);
}

static void lock_pair(struct node *parent, struct node *child) {
  pthread_mutex_lock(&parent->mu);
  pthread_mutex_lock(&child->mu);
}

static void unlock_pair(struct node *parent, struct node *child) {
  pthread_mutex_unlock(&child->mu);
  pthread_mutex_unlock(&parent->mu);
}

void lock_two(struct node *a, struct node *b);
void lock_two(struct node *a, struct node *b) {  // a library entry nobody here calls
  pthread_mutex_lock(&a->mu);
  pthread_mutex_lock(&b->mu);
  a->refs += b->refs;
  pthread_mutex_unlock(&b->mu);
  pthread_mutex_unlock(&a->mu);
}

static void adopt(struct node *n) {
  lock_pair(n, n->child);
  n->child->refs++;
  unlock_pair(n, n->child);
}

static struct conn *conn_new(void) {
  struct conn *c = calloc(1, sizeof *c);
  pthread_mutex_init(&c->mu, 0);
  pthread_mutex_lock(&c->mu);
  pthread_mutex_lock(&table_lock);
  c->next = conns;
  conns = c;
  pthread_mutex_unlock(&table_lock);
  c->state = 1;
  pthread_mutex_unlock(&c->mu);
  return c;
}

static void sweep(void) {
  pthread_mutex_lock(&table_lock);
  for (struct conn *c = conns; c; c = c->next) {
    pthread_mutex_lock(&c->mu);
    c->state = 0;
    pthread_mutex_unlock(&c->mu);
  }
  pthread_mutex_unlock(&table_lock);
}

static void *worker(void *arg) {
  for (int i = 0; i < 8; i++) {
    rehash(i);
    adopt(&root);
    conn_new();
  }
  return arg;
}

static void *sweeper(void *arg) {
  sweep();
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_create(&c, 0, sweeper, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
