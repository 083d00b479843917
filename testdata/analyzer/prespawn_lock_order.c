// prespawn_in_spawner.c with locks: open_streams() takes cfg_lock, then the server's lock;
// the server thread takes them the other way round. open_streams() runs only in
// server_start() before the server thread is created, and server_stop() joins that thread
// before the next start: the two orders never overlap (latent, not a deadlock).
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <unistd.h>

typedef struct {
  pthread_mutex_t lock;
  pthread_t thread;
  int state;
  int nbytes;
} server_t;

static server_t svr = {PTHREAD_MUTEX_INITIALIZER, 0, 0, 0};
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
static double time_offset;

static void open_streams(double offset) {
  pthread_mutex_lock(&cfg_lock);
  pthread_mutex_lock(&svr.lock);  // EXPECT-STATIC: latent-lock-order cfg_lock => svr.lock => cfg_lock
  time_offset = offset;
  pthread_mutex_unlock(&svr.lock);
  pthread_mutex_unlock(&cfg_lock);
}

static void *server_thread(void *arg) {
  server_t *s = arg;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&s->lock);
    s->nbytes += 10;
    pthread_mutex_lock(&cfg_lock);  // EXPECT-STATIC: latent-lock-order cfg_lock => svr.lock => cfg_lock
    time_offset = time_offset + 0.001;
    pthread_mutex_unlock(&cfg_lock);
    pthread_mutex_unlock(&s->lock);
  }
  return NULL;
}

static int server_start(server_t *s, double offset) {
  if (s->state)
    return 0;
  open_streams(offset);
  s->state = 1;
  pthread_create(&s->thread, NULL, server_thread, s);
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
