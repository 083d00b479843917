// Twin of prespawn_in_spawner.c: server_start() creates the server thread first and opens the
// streams after it, so open_streams() sets the clock offset while the server thread adjusts
// it: an update can be lost.
// STATIC-RUN:
#include <pthread.h>
#include <unistd.h>

typedef struct {
  pthread_mutex_t lock;
  pthread_t thread;
  int state;
  int nbytes;
} server_t;

static server_t svr = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0};
static double time_offset;

static void open_streams(double offset) {
  time_offset = offset;
}

static void *server_thread(void *arg) {
  server_t *s = arg;
  for (int i = 0; i < 1000; i++) {
    time_offset = time_offset + 0.001;  // EXPECT-STATIC: unlocked-rmw time_offset
    pthread_mutex_lock(&s->lock);
    s->nbytes += 10;
    pthread_mutex_unlock(&s->lock);
  }
  return NULL;
}

static int server_start(server_t *s, double offset) {
  if (s->state)
    return 0;
  s->state = 1;
  pthread_create(&s->thread, NULL, server_thread, s);
  open_streams(offset);
  return 1;
}

static void server_stop(server_t *s) {
  if (!s->state)
    return;
  pthread_join(s->thread, NULL);
  s->state = 0;
}

static void *console_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    server_start(&svr, 1.5 * i);
    server_stop(&svr);
  }
  return NULL;
}

int main(void) {
  pthread_t con;
  pthread_create(&con, NULL, console_thread, NULL);
  pthread_join(con, NULL);
  return 0;
}
