// Twin of restart_single_writer.c: server_stop() detaches the server thread, so the next
// server_start() starts another while the last may still run: two threads adjust
// `time_offset` at once and an update can be lost.
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
  time_offset += dt;  // EXPECT-STATIC: unlocked-rmw time_offset
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
  pthread_detach(s->thread);
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
