// Twin of single_writer_stats.c: the receive thread is started twice (two pthread_create
// calls of one function), so two threads increment the counter at once: updates are lost.
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
  pthread_t a, b, r;
  pthread_create(&r, NULL, report_thread, NULL);
  pthread_create(&a, NULL, recv_thread, NULL);
  pthread_create(&b, NULL, recv_thread, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(r, NULL);
  return 0;
}
