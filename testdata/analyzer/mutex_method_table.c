// sqlite3's mutex layer: the core calls sqlite3_mutex_enter(p), which calls through the
// global configuration's method table (`config.mutex.xMutexEnter(p)`), filled at start-up
// with the pthread methods or with no-op methods. The analyzer follows the table by
// itself: pthread_enter takes p->mutex, noop_enter takes nothing, so the call through
// the table takes p->mutex; sqlite3_mutex_enter(NULL) takes nothing. The VFS table (xSync)
// holds a function that locks inside: a call through it is no lock operation.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

typedef struct sqlite3_mutex {
  pthread_mutex_t mutex;
  int id;
} sqlite3_mutex;

typedef struct sqlite3_mutex_methods {
  int (*xMutexInit)(void);
  void (*xMutexEnter)(sqlite3_mutex *);
  void (*xMutexLeave)(sqlite3_mutex *);
} sqlite3_mutex_methods;

typedef struct sqlite3_vfs {
  int (*xSync)(sqlite3_mutex *);
} sqlite3_vfs;

static struct {
  sqlite3_mutex_methods mutex;
  int bCoreMutex;
} config;

static int pthread_init(void) { return 0; }
static void pthread_enter(sqlite3_mutex *p) { pthread_mutex_lock(&p->mutex); }
static void pthread_leave(sqlite3_mutex *p) { pthread_mutex_unlock(&p->mutex); }
static void noop_enter(sqlite3_mutex *p) { (void)p; }
static void noop_leave(sqlite3_mutex *p) { (void)p; }

static const sqlite3_mutex_methods *default_mutex(void) {
  static const sqlite3_mutex_methods s = {pthread_init, pthread_enter, pthread_leave};
  return &s;
}

static const sqlite3_mutex_methods *noop_mutex(void) {
  static const sqlite3_mutex_methods s = {pthread_init, noop_enter, noop_leave};
  return &s;
}

static int mutex_init(void) {
  const sqlite3_mutex_methods *from = config.bCoreMutex ? default_mutex() : noop_mutex();
  config.mutex.xMutexInit = from->xMutexInit;
  config.mutex.xMutexEnter = from->xMutexEnter;
  config.mutex.xMutexLeave = from->xMutexLeave;
  return config.mutex.xMutexInit();
}

void sqlite3_mutex_enter(sqlite3_mutex *p) {
  if (p)
    config.mutex.xMutexEnter(p);
}

void sqlite3_mutex_leave(sqlite3_mutex *p) {
  if (p)
    config.mutex.xMutexLeave(p);
}

static sqlite3_mutex *stat_mutex;
static int unix_sync(sqlite3_mutex *p) {
  sqlite3_mutex_enter(stat_mutex);
  sqlite3_mutex_leave(stat_mutex);
  return p != 0;
}
static sqlite3_vfs unix_vfs = {unix_sync};

typedef struct sqlite3 {
  sqlite3_mutex *mutex;
  int nChange;
} sqlite3;

typedef struct BtShared {
  sqlite3_mutex *mutex;
  int nRef;
} BtShared;

static sqlite3 db;
static BtShared bt;

static void *writer(void *arg) {
  sqlite3_mutex_enter(db.mutex);  // EXPECT-STATIC: lock-order-inversion db.mutex => bt.mutex => db.mutex
  sqlite3_mutex_enter(bt.mutex);  // EXPECT-STATIC: lock-order-inversion db.mutex => bt.mutex => db.mutex
  bt.nRef++;
  unix_vfs.xSync(bt.mutex);
  sqlite3_mutex_leave(bt.mutex);
  db.nChange++;
  sqlite3_mutex_leave(db.mutex);
  sqlite3_mutex_enter(NULL);
  sqlite3_mutex_enter(stat_mutex);
  sqlite3_mutex_leave(stat_mutex);
  return arg;
}

static void *checkpointer(void *arg) {
  sqlite3_mutex_enter(bt.mutex);  // EXPECT-STATIC: lock-order-inversion db.mutex => bt.mutex => db.mutex
  sqlite3_mutex_enter(db.mutex);  // EXPECT-STATIC: lock-order-inversion db.mutex => bt.mutex => db.mutex
  db.nChange = 0;
  sqlite3_mutex_leave(db.mutex);
  sqlite3_mutex_leave(bt.mutex);
  sqlite3_mutex_enter(stat_mutex);
  sqlite3_mutex_enter(db.mutex);
  sqlite3_mutex_leave(db.mutex);
  sqlite3_mutex_leave(stat_mutex);
  return arg;
}

int main(void) {
  pthread_t a, b;
  mutex_init();
  pthread_create(&a, 0, writer, 0);
  pthread_create(&b, 0, checkpointer, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
