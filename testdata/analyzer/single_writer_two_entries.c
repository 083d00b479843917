// Twin of single_writer_stats.c: two thread functions, each started once, update one counter:
// they run at the same time, updates are lost.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static int stats_packets;

static void count_packet(void) {
  stats_packets++;  // EXPECT-STATIC: unlocked-rmw stats_packets
}

static void *recv_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    count_packet();
  return NULL;
}

static void *beacon_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    count_packet();
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, recv_thread, NULL);
  pthread_create(&b, NULL, beacon_thread, NULL);
  printf("%d\n", stats_packets);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
