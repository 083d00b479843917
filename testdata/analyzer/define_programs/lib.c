// Built twice, as mosquitto builds lib/*.c: into the client library, and into the broker with
// the broker's defines, where locks are empty macros and the network loop runs in the
// caller's thread (see client.c).
// STATIC-COMPILE: -DLIB_EXPORTS
// STATIC-COMPILE: -DWITH_BROKER -DWITH_BRIDGE
#include "conn.h"

#ifdef WITH_BROKER
#define LOCK(m) ((void)(m))
#define UNLOCK(m) ((void)(m))
#else
#define LOCK(m) pthread_mutex_lock(m)
#define UNLOCK(m) pthread_mutex_unlock(m)
#endif

void packet_queue(struct conn *c) {
  LOCK(&c->out_mutex);
  c->out_count++;
  UNLOCK(&c->out_mutex);
}

static void *loop(void *arg) {
  for (int i = 0; i < 100; i++)
    on_packet(arg);
  return arg;
}

int loop_start(struct conn *c, int nthreads) {
#ifdef WITH_BROKER
  (void)nthreads;
  loop(c);
  return 0;
#else
  for (int i = 0; i < nthreads; i++) {
    pthread_t t;
    if (pthread_create(&t, 0, loop, c) != 0)
      return -1;
  }
  return 0;
#endif
}
