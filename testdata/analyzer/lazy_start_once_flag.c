// STATIC-RUN:
// A generator the main loop calls for every packet starts its sniffer thread lazily, once, under
// an init flag that the same branch sets and nothing clears (mdk3's `if (!init_intelligent) {
// ...; pthread_create(&sniffer, ...); ...; init_intelligent = 1; }`): one sniffer thread, the
// only writer of `captured`, which the main loop only reads. No lost update. The prober's flag
// is cleared again by reset_prober(), so a later call starts a second prober: its unlocked
// `probes++` can lose updates (the main loop reads both counters).
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int sniffer_started, prober_started;
static long captured, probes;

static void *sniffer(void *arg) {
  (void)arg;
  for (;;) {
    captured++;
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
  if (!sniffer_started) {
    pthread_t t;
    pthread_create(&t, NULL, sniffer, NULL);
    sniffer_started = 1;
  }
  return captured;
}

static long next_probe(void) {
  if (prober_started == 0) {
    pthread_t t;
    pthread_create(&t, NULL, prober, NULL);
    prober_started = 1;
  }
  return probes;
}

static void reset_prober(void) { prober_started = 0; }

int main(void) {
  for (int i = 0; i < 1000; i++) {
    printf("%ld %ld\n", next_packet(), next_probe());
    if (i % 100 == 99)
      reset_prober();
  }
  return 0;
}
