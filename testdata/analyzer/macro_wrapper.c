// Locks taken through a LOCK() macro and through wrapper functions whose summary is
// inferred (lock_obj/unlock_obj acquire and release the lock their parameter points to).
// STATIC-RUN:
#include <pthread.h>

#define LOCK(m) pthread_mutex_lock(&(m))
#define UNLOCK(m) pthread_mutex_unlock(&(m))

struct obj {
  pthread_mutex_t mu;
  int refs;
};

pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
struct obj the_obj = {PTHREAD_MUTEX_INITIALIZER, 0};

static void lock_obj(struct obj *o) { pthread_mutex_lock(&o->mu); }
static void unlock_obj(struct obj *o) { pthread_mutex_unlock(&o->mu); }
static void my_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static void my_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

static void *insert(void *p) {
  (void)p;
  LOCK(table_lock);     // EXPECT: lock-order-inversion table_lock => the_obj => table_lock
  lock_obj(&the_obj);   // EXPECT: lock-order-inversion table_lock => the_obj => table_lock
  the_obj.refs++;
  unlock_obj(&the_obj);
  UNLOCK(table_lock);
  return 0;
}

static void *release(void *p) {
  (void)p;
  lock_obj(&the_obj);     // EXPECT: lock-order-inversion table_lock => the_obj => table_lock
  my_lock(&table_lock);   // EXPECT: lock-order-inversion table_lock => the_obj => table_lock
  the_obj.refs--;
  my_unlock(&table_lock);
  unlock_obj(&the_obj);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, insert, 0);
  pthread_create(&b, 0, release, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
