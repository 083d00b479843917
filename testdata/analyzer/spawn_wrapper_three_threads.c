// The twin of spawn_wrapper_one_thread.c: the relays are checked by a relay thread of
// their own (started through the same wrapper), not by the thread that re-reads the config.
// config => relay => tree => config now has three threads, one per edge: a deadlock.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

typedef struct {
  void *(*routine)(void *);
  void *arg;
} thread_start_t;

static void *start_routine(void *p) {
  thread_start_t start = *(thread_start_t *)p;
  free(p);
  return start.routine(start.arg);
}

static pthread_t thread_create(const char *name, void *(*routine)(void *), void *arg) {
  pthread_t t;
  thread_start_t *start = malloc(sizeof *start);
  (void)name;
  start->routine = routine;
  start->arg = arg;
  pthread_create(&t, 0, start_routine, start);
  return t;
}

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t relay_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t tree_lock = PTHREAD_MUTEX_INITIALIZER;
static int relays, sources, config_version;

static void config_reread(void) {
  pthread_mutex_lock(&config_lock);
  pthread_mutex_lock(&relay_lock);  // EXPECT: lock-order-inversion config_lock => relay_lock => tree_lock => config_lock
  relays = 0;
  pthread_mutex_unlock(&relay_lock);
  config_version++;
  pthread_mutex_unlock(&config_lock);
}

static void check_relays(void) {
  pthread_mutex_lock(&relay_lock);
  pthread_mutex_lock(&tree_lock);  // EXPECT: lock-order-inversion config_lock => relay_lock => tree_lock => config_lock
  sources += relays;
  pthread_mutex_unlock(&tree_lock);
  pthread_mutex_unlock(&relay_lock);
}

static void *slave_thread(void *arg) {
  for (int i = 0; i < 3; i++)
    config_reread();
  return arg;
}

static void *relay_thread(void *arg) {
  for (int i = 0; i < 3; i++)
    check_relays();
  return arg;
}

static void *client_thread(void *arg) {
  pthread_mutex_lock(&tree_lock);
  pthread_mutex_lock(&config_lock);  // EXPECT: lock-order-inversion config_lock => relay_lock => tree_lock => config_lock
  sources += config_version;
  pthread_mutex_unlock(&config_lock);
  pthread_mutex_unlock(&tree_lock);
  return arg;
}

int main(void) {
  pthread_t slave = thread_create("slave", slave_thread, 0), relay = thread_create("relay", relay_thread, 0), clients[4];
  for (int i = 0; i < 4; i++)
    clients[i] = thread_create("client", client_thread, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(clients[i], 0);
  pthread_join(relay, 0);
  pthread_join(slave, 0);
  return 0;
}
