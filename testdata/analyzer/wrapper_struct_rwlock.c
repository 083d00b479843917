// Read-write lock wrappers over a struct that wraps one pthread_rwlock_t (icecast's rwlock_t):
// `thread_rwlock_wlock(&config_lock)` takes the global 'config_lock', not the type's
// 'rwlock_t::sys_rwlock'. Two globals taken in one order are no cycle; a write lock of each
// while the other is held is one, named by the globals.
// STATIC-RUN:
#include <pthread.h>

typedef struct {
  char *name;
  pthread_rwlock_t sys_rwlock;
} rwlock_t;

void thread_rwlock_rlock_c(rwlock_t *rwlock, int line, const char *file) {
  (void)line, (void)file;
  pthread_rwlock_rdlock(&rwlock->sys_rwlock);
}
void thread_rwlock_wlock_c(rwlock_t *rwlock, int line, const char *file) {
  (void)line, (void)file;
  pthread_rwlock_wrlock(&rwlock->sys_rwlock);
}
void thread_rwlock_unlock_c(rwlock_t *rwlock, int line, const char *file) {
  (void)line, (void)file;
  pthread_rwlock_unlock(&rwlock->sys_rwlock);
}
#define thread_rwlock_rlock(x) thread_rwlock_rlock_c(x, __LINE__, __FILE__)
#define thread_rwlock_wlock(x) thread_rwlock_wlock_c(x, __LINE__, __FILE__)
#define thread_rwlock_unlock(x) thread_rwlock_unlock_c(x, __LINE__, __FILE__)

rwlock_t config_lock;
static rwlock_t yp_lock;
static rwlock_t workers_lock;
static int yp_entries, workers, settings;

static void *yp_thread(void *p) {
  (void)p;
  thread_rwlock_rlock(&config_lock);
  thread_rwlock_wlock(&workers_lock);
  workers++;
  thread_rwlock_unlock(&workers_lock);
  thread_rwlock_unlock(&config_lock);
  thread_rwlock_wlock(&yp_lock);     // EXPECT: lock-order-inversion config_lock => yp_lock => config_lock
  thread_rwlock_wlock(&config_lock);  // EXPECT: lock-order-inversion config_lock => yp_lock => config_lock
  settings++;
  thread_rwlock_unlock(&config_lock);
  thread_rwlock_unlock(&yp_lock);
  return 0;
}

static void *config_thread(void *p) {
  (void)p;
  thread_rwlock_rlock(&config_lock);
  thread_rwlock_rlock(&workers_lock);
  yp_entries += workers;
  thread_rwlock_unlock(&workers_lock);
  thread_rwlock_unlock(&config_lock);
  thread_rwlock_wlock(&config_lock);  // EXPECT: lock-order-inversion config_lock => yp_lock => config_lock
  thread_rwlock_wlock(&yp_lock);      // EXPECT: lock-order-inversion config_lock => yp_lock => config_lock
  settings--;
  thread_rwlock_unlock(&yp_lock);
  thread_rwlock_unlock(&config_lock);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, yp_thread, 0);
  pthread_create(&b, 0, config_thread, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
