// Locks behind global pointers are one instance each, even when the same wrapper type's lock of
// an unknown instance is in the graph too. kannel's gwlib: `static Mutex *port_mutex` (http.c)
// and `static Mutex *status_mutex` (bearerbox.c) are two objects from mutex_create(); one thread
// takes smsc_list_lock then port_mutex, another status_mutex then smsc_list_lock: no cycle
// (port_mutex is not status_mutex), though the wrapper's own lock of an unknown Mutex (it logs
// under `m->mutex` when it finds the mutex taken twice) is in the graph too. That unknown one may
// be any instance: log_rotate() takes stats_mutex under log_lock, and the wrapper logs (log_lock)
// under stats_mutex when stats() takes it: a real inversion.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

typedef struct { pthread_mutex_t mutex; long owner; } Mutex;

static Mutex *mutex_create(void) {
  Mutex *m = malloc(sizeof *m);
  pthread_mutex_init(&m->mutex, NULL);
  m->owner = -1;
  return m;
}
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long logged;

static void log_error(const char *what) {
  pthread_mutex_lock(&log_lock);  // EXPECT-STATIC: lock-order-inversion stats_mutex->mutex => log_lock => stats_mutex->mutex
  logged += what != NULL;
  pthread_mutex_unlock(&log_lock);
}

static void mutex_lock(Mutex *m) {
  if (pthread_mutex_lock(&m->mutex) != 0)
    abort();
  if (m->owner == (long)pthread_self())
    log_error("locked twice");
  m->owner = (long)pthread_self();
}
static void mutex_unlock(Mutex *m) {
  m->owner = -1;
  pthread_mutex_unlock(&m->mutex);
}

static pthread_rwlock_t smsc_list_lock = PTHREAD_RWLOCK_INITIALIZER;
static Mutex *port_mutex;
static Mutex *status_mutex;
static Mutex *stats_mutex;
static int ports, status, hits;

static void port_remove(void) {
  mutex_lock(port_mutex);
  ports--;
  mutex_unlock(port_mutex);
}

static void smsc_suspend(void) {
  pthread_rwlock_rdlock(&smsc_list_lock);
  status++;
  pthread_rwlock_unlock(&smsc_list_lock);
}

static void *admin(void *arg) {  // smsc2_add_smsc(): list, then port
  pthread_rwlock_wrlock(&smsc_list_lock);
  port_remove();
  pthread_rwlock_unlock(&smsc_list_lock);
  return arg;
}

static void *isolate(void *arg) {  // bb_isolate(): status, then list
  mutex_lock(status_mutex);
  smsc_suspend();
  mutex_unlock(status_mutex);
  return arg;
}

static void *log_rotate(void *arg) {  // log_lock, then stats_mutex
  pthread_mutex_lock(&log_lock);
  pthread_mutex_lock(&stats_mutex->mutex);
  hits = 0;
  pthread_mutex_unlock(&stats_mutex->mutex);
  pthread_mutex_unlock(&log_lock);
  return arg;
}

static void *stats(void *arg) {  // stats_mutex, then (in the wrapper) log_lock
  mutex_lock(stats_mutex);
  hits++;
  mutex_unlock(stats_mutex);
  return arg;
}

int main(void) {
  pthread_t t[4];
  port_mutex = mutex_create();
  status_mutex = mutex_create();
  stats_mutex = mutex_create();
  pthread_create(&t[0], NULL, admin, NULL);
  pthread_create(&t[1], NULL, isolate, NULL);
  pthread_create(&t[2], NULL, log_rotate, NULL);
  pthread_create(&t[3], NULL, stats, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  return 0;
}
