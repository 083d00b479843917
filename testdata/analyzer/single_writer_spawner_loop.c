// Twin of single_writer_stats.c: one pthread_create, not in a loop, but in a function the
// start-up code calls once per audio device (direwolf's recv_init() per device): as many
// receive threads as devices increment one counter at once, updates are lost. The same when
// the starting function is called from two places.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static int frames_decoded;
static int frames_sent;

static void *recv_adev_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    frames_decoded++;  // EXPECT-STATIC: unlocked-rmw frames_decoded
  return NULL;
}

static void *xmit_thread(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    frames_sent++;  // EXPECT-STATIC: unlocked-rmw frames_sent
  return NULL;
}

static pthread_t rx[4], tx[2];

static void start_receiver(int dev) { pthread_create(&rx[dev], NULL, recv_adev_thread, NULL); }
static void start_transmitter(int chan) { pthread_create(&tx[chan], NULL, xmit_thread, NULL); }

static void *report_thread(void *arg) {
  (void)arg;
  printf("%d %d\n", frames_decoded, frames_sent);
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t r;
  pthread_create(&r, NULL, report_thread, NULL);
  for (int dev = 0; dev < 4 && dev < argc; dev++)
    start_receiver(dev);
  start_transmitter(0);
  if (argc > 1)
    start_transmitter(1);
  pthread_join(r, NULL);
  return 0;
}
