// STATIC-RUN:
// A packet generator the main loop calls for every packet starts its sniffer lazily under an
// init flag that the same branch first uses as a counter of its start-up seconds and sets to 1
// last (mdk4's wids_getpacket(): `for (wids_init = 0; wids_init < 10; wids_init++) sleep(1);
// ... wids_init = 1;`): one sniffer thread, the only writer of `seen`. No lost update. The
// prober's branch ends by putting its flag back to 0 once it waited (`probing = 0`), so the
// next call starts another prober: its unlocked `probes++` can lose updates.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int sniff_init, probing;
static long seen, probes;

static void *sniffer(void *arg) {
  (void)arg;
  for (;;) {
    seen++;
    usleep(100);
  }
  return NULL;
}

static void *prober(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    probes++;  // EXPECT-STATIC: unlocked-rmw probes
    usleep(100);
  }
  return NULL;
}

static long next_packet(void) {
  static pthread_t t;
  if (!sniff_init) {
    pthread_create(&t, NULL, sniffer, NULL);
    for (sniff_init = 0; sniff_init < 3; sniff_init++)
      usleep(1000);
    while (!seen)
      usleep(1000);
    sniff_init = 1;
  }
  return seen;
}

static long next_probe(void) {
  static pthread_t t;
  if (!probing) {
    probing = 1;
    pthread_create(&t, NULL, prober, NULL);
    for (int i = 0; i < 3; i++)
      usleep(1000);
    probing = 0;
  }
  return probes;
}

int main(void) {
  for (int i = 0; i < 1000; i++)
    printf("%ld %ld\n", next_packet(), next_probe());
  return 0;
}
