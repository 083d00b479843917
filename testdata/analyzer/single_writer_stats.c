// Statistics of one receive thread (direwolf's igate.c: stats_downlink_packets++ in code only
// igate_recv_thread reaches, that thread started once; the counters zeroed in igate_init before
// it starts; getters called from other threads). Only one thread ever writes the counters, so
// no update can be lost: a reader may see a stale value (a benign race at most), which is not
// an unlocked-rmw. Its twins, where a second writer can run at the same time, are reported:
// single_writer_twice.c, single_writer_loop.c, single_writer_spawner_loop.c,
// single_writer_main.c, single_writer_two_entries.c, single_writer_callback.c.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int stats_downlink_packets;
static int stats_msg_cnt;
static pthread_t recv_tid, report_tid;

static void xmit_packet(int kind) {
  if (kind == 1)
    stats_msg_cnt++;  // the receive thread only, through a call
}

static void *recv_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    stats_downlink_packets++;
    xmit_packet(i & 1);
  }
  return NULL;
}

int igate_get_dnl_cnt(void) { return stats_downlink_packets; }
int igate_get_msg_cnt(void) { return stats_msg_cnt; }

static void *report_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    printf("%d downlink, %d messages\n", igate_get_dnl_cnt(), igate_get_msg_cnt());
    usleep(1000);
  }
  return NULL;
}

static void igate_init(void) {
  stats_downlink_packets = 0;  // before the receive thread starts
  stats_msg_cnt = 0;
  pthread_create(&recv_tid, NULL, recv_thread, NULL);
}

int main(void) {
  pthread_create(&report_tid, NULL, report_thread, NULL);
  igate_init();
  printf("%d\n", igate_get_dnl_cnt());
  pthread_join(recv_tid, NULL);
  pthread_join(report_tid, NULL);
  return 0;
}
