// A mutex_t global is its own lock (wrapper_struct_globals.c), but a function that orders the
// mutex_t behind a pointer parameter against another lock may be given any of them: each global
// of that type takes that order too, so the inversion of move_locked(&move_clients_mutex) against
// journal_lock => move_clients_mutex is still found, under the global's name.
// STATIC-RUN:
#include <pthread.h>

typedef struct {
  int line;
  pthread_mutex_t sys_mutex;
} mutex_t;

static void thread_mutex_lock(mutex_t *m) { pthread_mutex_lock(&m->sys_mutex); }
static void thread_mutex_unlock(mutex_t *m) { pthread_mutex_unlock(&m->sys_mutex); }

static mutex_t move_clients_mutex;
static pthread_mutex_t journal_lock = PTHREAD_MUTEX_INITIALIZER;
static int moved, journal;

static void move_locked(mutex_t *from) {
  thread_mutex_lock(from);              // EXPECT-STATIC: lock-order-inversion move_clients_mutex => journal_lock => move_clients_mutex
  pthread_mutex_lock(&journal_lock);    // EXPECT-STATIC: lock-order-inversion move_clients_mutex => journal_lock => move_clients_mutex
  moved++;
  pthread_mutex_unlock(&journal_lock);
  thread_mutex_unlock(from);
}

static void *mover(void *p) {
  (void)p;
  move_locked(&move_clients_mutex);
  return 0;
}

static void *journaller(void *p) {
  (void)p;
  pthread_mutex_lock(&journal_lock);       // EXPECT-STATIC: lock-order-inversion move_clients_mutex => journal_lock => move_clients_mutex
  thread_mutex_lock(&move_clients_mutex);  // EXPECT-STATIC: lock-order-inversion move_clients_mutex => journal_lock => move_clients_mutex
  journal++;
  thread_mutex_unlock(&move_clients_mutex);
  pthread_mutex_unlock(&journal_lock);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, mover, 0);
  pthread_create(&b, 0, journaller, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
