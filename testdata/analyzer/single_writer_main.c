// Twin of single_writer_stats.c: the receive thread is started once, but the main thread also
// updates the counter while that thread runs: two writers at once, updates are lost.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static int stats_downlink_packets;

static void *recv_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    stats_downlink_packets++;  // EXPECT-STATIC: unlocked-rmw stats_downlink_packets
  return NULL;
}

int main(void) {
  pthread_t t;
  stats_downlink_packets = 0;
  pthread_create(&t, NULL, recv_thread, NULL);
  stats_downlink_packets += 10;  // EXPECT-STATIC: unlocked-rmw stats_downlink_packets
  pthread_join(t, NULL);
  printf("%d\n", stats_downlink_packets);
  return 0;
}
