// Two programs in one compile database: the server (server.c, server_log.c) and its client
// (client.c, client_cfg.c), both linked with common.c. The server takes stats_lock while it
// holds cfg_lock, the client cfg_lock while it holds stats_lock: they never run in one
// process, so that is no inversion (it was one when the database was one program). The
// server's own inversion of conn_lock and cfg_lock is.
// STATIC-RUN:
#include "common.h"

pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
void server_log(const char *what);

static void *handler(void *p) {
  (void)p;
  pthread_mutex_lock(&cfg_lock);
  server_log("request");
  pthread_mutex_unlock(&cfg_lock);
  return 0;
}

static void *acceptor(void *p) {
  (void)p;
  pthread_mutex_lock(&conn_lock);  // EXPECT: lock-order-inversion conn_lock => cfg_lock => conn_lock
  pthread_mutex_lock(&cfg_lock);   // EXPECT: lock-order-inversion conn_lock => cfg_lock => conn_lock
  pthread_mutex_unlock(&cfg_lock);
  pthread_mutex_unlock(&conn_lock);
  return 0;
}

static void *reloader(void *p) {
  (void)p;
  pthread_mutex_lock(&cfg_lock);   // EXPECT: lock-order-inversion conn_lock => cfg_lock => conn_lock
  pthread_mutex_lock(&conn_lock);  // EXPECT: lock-order-inversion conn_lock => cfg_lock => conn_lock
  pthread_mutex_unlock(&conn_lock);
  pthread_mutex_unlock(&cfg_lock);
  return 0;
}

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], 0, handler, 0);
  pthread_create(&t[1], 0, acceptor, 0);
  pthread_create(&t[2], 0, reloader, 0);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], 0);
  return 0;
}
