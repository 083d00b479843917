// STATIC-RUN:
// GLib's locks (GMutex, GRecMutex, GRWLock, GCond), as C programs built on GLib take them.
// The declarations below are GLib's own (glib/gthread.h), so the case needs no GLib headers.
// - an A/B inversion of two GMutexes between two threads: reported;
// - a GMutex taken again by its owner: a self-deadlock; a GRecMutex taken again: none;
// - g_mutex_trylock() returns TRUE when it took the lock: the lock is held inside
//   `if (g_mutex_trylock(&c_mu))`, released there, and not held after it (else stats_mu, taken
//   after it, would make a false cycle with c_mu);
// - a GRWLock's writer lock taken under a GMutex in one thread, and that GMutex under the
//   reader lock in the other: an inversion (a writer waits for the reader);
// - g_cond_wait() releases the mutex while it waits.
#include <pthread.h>

typedef int gboolean;
typedef long gint64;
typedef union _GMutex {
  void *p;
  unsigned int i[2];
} GMutex;
typedef struct _GRecMutex {
  void *p;
  unsigned int i[2];
} GRecMutex;
typedef struct _GRWLock {
  void *p;
  unsigned int i[2];
} GRWLock;
typedef struct _GCond {
  void *p;
  unsigned int i[2];
} GCond;
void g_mutex_lock(GMutex *mutex);
gboolean g_mutex_trylock(GMutex *mutex);
void g_mutex_unlock(GMutex *mutex);
void g_rec_mutex_lock(GRecMutex *rec_mutex);
void g_rec_mutex_unlock(GRecMutex *rec_mutex);
void g_rw_lock_writer_lock(GRWLock *rw_lock);
void g_rw_lock_writer_unlock(GRWLock *rw_lock);
void g_rw_lock_reader_lock(GRWLock *rw_lock);
void g_rw_lock_reader_unlock(GRWLock *rw_lock);
void g_cond_wait(GCond *cond, GMutex *mutex);
void g_cond_signal(GCond *cond);

static GMutex a_mu, b_mu, c_mu, stats_mu, self_mu, q_mu;
static GRecMutex rec_mu;
static GRWLock table_lock;
static GCond q_cond;
static int a, b, c, stats, items, table;

static void a_then_b(void) {
  g_mutex_lock(&a_mu);
  g_mutex_lock(&b_mu);  // EXPECT-STATIC: lock-order-inversion a_mu => b_mu => a_mu
  a++, b++;
  g_mutex_unlock(&b_mu);
  g_mutex_unlock(&a_mu);
}

static void b_then_a(void) {
  g_mutex_lock(&b_mu);
  g_mutex_lock(&a_mu);  // EXPECT-STATIC: lock-order-inversion a_mu => b_mu => a_mu
  a++, b++;
  g_mutex_unlock(&a_mu);
  g_mutex_unlock(&b_mu);
}

static void count_self(void) {
  g_mutex_lock(&self_mu);
  stats++;
  g_mutex_unlock(&self_mu);
}

static void relock_self(void) {
  g_mutex_lock(&self_mu);
  count_self();  // EXPECT-STATIC: self-deadlock self_mu
  g_mutex_unlock(&self_mu);
}

static void count_rec(void) {
  g_rec_mutex_lock(&rec_mu);
  stats++;
  g_rec_mutex_unlock(&rec_mu);
}

static void relock_rec(void) {
  g_rec_mutex_lock(&rec_mu);
  count_rec();
  g_rec_mutex_unlock(&rec_mu);
}

static void try_c(void) {
  if (g_mutex_trylock(&c_mu)) {
    c++;
    g_mutex_unlock(&c_mu);
  }
  g_mutex_lock(&stats_mu);
  stats++;
  g_mutex_unlock(&stats_mu);
}

static void stats_then_c(void) {
  g_mutex_lock(&stats_mu);
  g_mutex_lock(&c_mu);
  c++, stats++;
  g_mutex_unlock(&c_mu);
  g_mutex_unlock(&stats_mu);
}

static void write_table(void) {
  g_mutex_lock(&q_mu);
  g_rw_lock_writer_lock(&table_lock);  // EXPECT-STATIC: lock-order-inversion q_mu => table_lock => q_mu
  table++;
  g_rw_lock_writer_unlock(&table_lock);
  g_mutex_unlock(&q_mu);
}

static void read_table(void) {
  g_rw_lock_reader_lock(&table_lock);
  g_mutex_lock(&q_mu);  // EXPECT-STATIC: lock-order-inversion q_mu => table_lock => q_mu
  items += table;
  g_mutex_unlock(&q_mu);
  g_rw_lock_reader_unlock(&table_lock);
}

static void consume(void) {
  g_mutex_lock(&q_mu);
  while (items == 0)
    g_cond_wait(&q_cond, &q_mu);
  items--;
  g_mutex_unlock(&q_mu);
}

static void produce(void) {
  g_mutex_lock(&q_mu);
  items++;
  g_cond_signal(&q_cond);
  g_mutex_unlock(&q_mu);
}

static void *t1(void *arg) {
  (void)arg;
  a_then_b();
  relock_self();
  relock_rec();
  try_c();
  write_table();
  consume();
  return 0;
}

static void *t2(void *arg) {
  (void)arg;
  b_then_a();
  stats_then_c();
  read_table();
  produce();
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, t1, 0);
  pthread_create(&y, 0, t2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
