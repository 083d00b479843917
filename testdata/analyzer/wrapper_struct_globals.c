// icecast's lock idiom: a struct that wraps one pthread mutex (mutex_t), locked through
// wrapper functions called by macros with the address of a global (`thread_mutex_lock(&_slave_mutex)`).
// Each global is its own lock, named as the source names it: '_slave_mutex' =>
// 'relay_lock' and 'relay_lock' => '_global_event_mutex' are no cycle (on one type-based name,
// 'mutex_t::sys_mutex', they were one). The real inversion of two globals is reported by their names,
// and a client's mutex_t behind a pointer as 'client_t::mutex' (not 'client_t::mutex.sys_mutex').
// STATIC-RUN:
#include <pthread.h>

typedef struct {
  long mutex_id;
  char *name;
  int line;
  pthread_mutex_t sys_mutex;
} mutex_t;

struct ice_config_locks {
  mutex_t relay_lock;
  mutex_t mounts_lock;
};

void thread_mutex_lock_c(mutex_t *mutex, int line, const char *file) {
  (void)line;
  (void)file;
  pthread_mutex_lock(&mutex->sys_mutex);
}
void thread_mutex_unlock_c(mutex_t *mutex, int line, const char *file) {
  (void)line;
  (void)file;
  pthread_mutex_unlock(&mutex->sys_mutex);
}
#define thread_mutex_lock(x) thread_mutex_lock_c(x, __LINE__, __FILE__)
#define thread_mutex_unlock(x) thread_mutex_unlock_c(x, __LINE__, __FILE__)

static mutex_t _slave_mutex;
mutex_t _global_event_mutex;
static struct ice_config_locks _locks;
static mutex_t move_clients_mutex;
mutex_t stats_mutex;
static int relays, events, moved, stats;

typedef struct {
  int id;
  mutex_t mutex;
  int sent;
} client_t;

static void client_send(client_t *client) {
  thread_mutex_lock(&client->mutex);       // EXPECT: lock-order-inversion client_t::mutex => _global_event_mutex => client_t::mutex
  thread_mutex_lock(&_global_event_mutex);  // EXPECT: lock-order-inversion client_t::mutex => _global_event_mutex => client_t::mutex
  client->sent++;
  thread_mutex_unlock(&_global_event_mutex);
  thread_mutex_unlock(&client->mutex);
}

static void client_event(client_t *client) {
  thread_mutex_lock(&_global_event_mutex);  // EXPECT: lock-order-inversion client_t::mutex => _global_event_mutex => client_t::mutex
  thread_mutex_lock(&client->mutex);       // EXPECT: lock-order-inversion client_t::mutex => _global_event_mutex => client_t::mutex
  client->sent--;
  thread_mutex_unlock(&client->mutex);
  thread_mutex_unlock(&_global_event_mutex);
}

static void *client_thread(void *p) {
  client_send((client_t *)p);
  client_event((client_t *)p);
  return 0;
}

static void *slave_thread(void *p) {
  (void)p;
  thread_mutex_lock(&_slave_mutex);
  thread_mutex_lock(&_locks.relay_lock);
  relays++;
  thread_mutex_unlock(&_locks.relay_lock);
  thread_mutex_unlock(&_slave_mutex);
  return 0;
}

static void *relay_thread(void *p) {
  (void)p;
  thread_mutex_lock(&_locks.relay_lock);
  thread_mutex_lock(&_global_event_mutex);
  events++;
  thread_mutex_unlock(&_global_event_mutex);
  thread_mutex_unlock(&_locks.relay_lock);
  return 0;
}

// the real inversion: two file-static globals of the same type, taken in both orders
static void *mover_thread(void *p) {
  (void)p;
  thread_mutex_lock(&move_clients_mutex);  // EXPECT: lock-order-inversion move_clients_mutex => stats_mutex => move_clients_mutex
  thread_mutex_lock(&stats_mutex);         // EXPECT: lock-order-inversion move_clients_mutex => stats_mutex => move_clients_mutex
  moved++;
  thread_mutex_unlock(&stats_mutex);
  thread_mutex_unlock(&move_clients_mutex);
  return 0;
}

static void *stats_thread(void *p) {
  (void)p;
  thread_mutex_lock(&stats_mutex);         // EXPECT: lock-order-inversion move_clients_mutex => stats_mutex => move_clients_mutex
  thread_mutex_lock(&move_clients_mutex);  // EXPECT: lock-order-inversion move_clients_mutex => stats_mutex => move_clients_mutex
  stats++;
  thread_mutex_unlock(&move_clients_mutex);
  thread_mutex_unlock(&stats_mutex);
  return 0;
}

int main(void) {
  static client_t clients[2];
  pthread_t t[6];
  pthread_create(&t[0], 0, slave_thread, 0);
  pthread_create(&t[1], 0, relay_thread, 0);
  pthread_create(&t[2], 0, mover_thread, 0);
  pthread_create(&t[3], 0, stats_thread, 0);
  pthread_create(&t[4], 0, client_thread, &clients[0]);
  pthread_create(&t[5], 0, client_thread, &clients[1]);
  for (int i = 0; i < 6; i++)
    pthread_join(t[i], 0);
  return 0;
}
