#include <pthread.h>

#include "store.h"

static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static int conns;

static void *worker(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++) {
    store_put("k");
    store_hit();
    cache_touch(&the_cache);
    session_note(i);
  }
  return 0;
}

static void *acceptor(void *p) {
  (void)p;
  pthread_mutex_lock(&conn_lock);
  conns++;
  pthread_mutex_unlock(&conn_lock);
  pthread_mutex_lock(&the_cache.mu);
  the_cache.used = 0;
  pthread_mutex_unlock(&the_cache.mu);
  store_log("accepted");
  store_journal();
  return 0;
}

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], 0, worker, 0);
  pthread_create(&t[1], 0, worker, 0);
  pthread_create(&t[2], 0, acceptor, 0);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  return 0;
}
