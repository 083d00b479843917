// Twin of single_writer_stats.c: the receive thread (started once) is not the only writer: a
// callback that the program calls only through a function pointer updates the counter too.
// The dispatch thread, the one that calls through `handler::fn`, runs it (callbacks, as
// callback_main_loop.c): a second writer, so the receive thread's update is reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static int stats_packets;

static void on_packet(int n) {
  stats_packets += n;
}

struct handler {
  void (*fn)(int);
};
static struct handler handlers[1] = {{on_packet}};

static void *recv_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    stats_packets++;  // EXPECT-STATIC: unlocked-rmw stats_packets
  return NULL;
}

static void *dispatch_thread(void *arg) {
  (void)arg;
  handlers[0].fn(1);
  printf("%d\n", stats_packets);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, recv_thread, NULL);
  pthread_create(&b, NULL, dispatch_thread, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
