// Twin of single_writer_stats.c: one receive thread per channel, started in a loop: the
// threads increment one counter at once, updates are lost.
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

static int get_count(void) { return stats_downlink_packets; }

static void *report_thread(void *arg) {
  (void)arg;
  printf("%d\n", get_count());
  return NULL;
}

int main(void) {
  pthread_t ch[4], r;
  pthread_create(&r, NULL, report_thread, NULL);
  for (int i = 0; i < 4; i++)
    pthread_create(&ch[i], NULL, recv_thread, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(ch[i], NULL);
  pthread_join(r, NULL);
  return 0;
}
