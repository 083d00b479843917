// STATIC-RUN:
// A sniffer thread started lazily under a handle pointer that is its own init flag (mdk4 4.2's
// auth_dos_getpacket(): `if (!sniffer) { sniffer = malloc(sizeof(pthread_t));
// pthread_create(sniffer, NULL, auth_dos_sniffer, ...); }`, the pointer never set back): one
// sniffer thread, the only writer of `apcount`, which the main loop only reads. No lost update.
// Before, only a flag set to a nonzero constant counted (lazy_start_once_flag.c). Twin: the
// prober's handle is freed and cleared by stop_prober(), so a later call starts a second prober:
// its unlocked `probes++` can lose updates.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

pthread_t *sniffer = NULL;
static pthread_t *prober_thread;
static unsigned int apcount;
static long probes;

static void *sniff(void *arg) {
  (void)arg;
  for (;;) {
    apcount++;
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

static unsigned int next_packet(void) {
  if (!sniffer) {
    sniffer = malloc(sizeof(pthread_t));
    pthread_create(sniffer, NULL, sniff, NULL);
  }
  return apcount;
}

static long next_probe(void) {
  if (prober_thread == NULL) {
    prober_thread = malloc(sizeof(pthread_t));
    pthread_create(prober_thread, NULL, prober, NULL);
  }
  return probes;
}

static void stop_prober(void) {
  free(prober_thread);
  prober_thread = NULL;
}

int main(void) {
  for (int i = 0; i < 1000; i++) {
    printf("%u %ld\n", next_packet(), next_probe());
    if (i % 100 == 99)
      stop_prober();
  }
  return 0;
}
