// rtklib's rtksvr in miniature: the console thread starts the server (server_start() creates
// the server thread once, guarded by its state) and stops it (server_stop() joins it) as often
// as it is told. Only the server thread adjusts `time_offset` (an unlocked read-modify-write);
// the console resets it before each start and reads it for its status line. One server
// thread runs at a time, and the console's reset runs before it starts: no update can be
// lost; the console sees a stale value at most. Clean. The twin
// restart_single_writer_detached.c detaches instead of joining.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

typedef struct {
  pthread_t thread;
  int state;
} server_t;

static server_t svr;
static double time_offset;

static void adjust_time(double dt) {
  time_offset += dt;
}

static void *server_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    adjust_time(0.001);
  return NULL;
}

static int server_start(server_t *s) {
  if (s->state)
    return 0;
  s->state = 1;
  time_offset = 0.0;
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
    server_start(&svr);
    printf("offset %f\n", time_offset);
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
