// STATIC-RUN:
// mdk3's lazy sniffer start: the generator the main loop calls for every packet zeroes the
// sniffer's counters and sets up the list cursor inside the one-shot `if (!init) { ...;
// pthread_create(...); ...; init = 1; }` branch, before the thread exists. The sniffer is then
// the only writer of the counters (the main loop only prints them), and the main thread the
// only writer of the cursor (the sniffer only reads it): no update can be lost. A second
// generator's thread increments `hits`, which the main loop also increments: two writers.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

struct node { struct node *next; int data; };
static struct node ring[4];
static struct node *cursor;
static int init_sniffer, init_counter;
static struct { int seen, kicked; } stats;
static long hits;

static void *sniffer(void *arg) {
  (void)arg;
  for (;;) {
    if (cursor->data)
      stats.seen++;
    else
      stats.kicked++;
    usleep(100);
  }
  return NULL;
}

static void *counter(void *arg) {
  (void)arg;
  for (;;) {
    hits++;  // EXPECT-STATIC: unlocked-rmw hits
    usleep(100);
  }
  return NULL;
}

static int next_packet(void) {
  if (!init_sniffer) {
    for (int i = 0; i < 4; i++)
      ring[i].next = &ring[(i + 1) % 4];
    cursor = &ring[0];
    stats.seen = 0;
    stats.kicked = 0;
    pthread_t t;
    pthread_create(&t, NULL, sniffer, NULL);
    init_sniffer = 1;
  }
  cursor = cursor->next;
  return cursor->data;
}

static void count_packet(void) {
  if (!init_counter) {
    hits = 0;
    pthread_t t;
    pthread_create(&t, NULL, counter, NULL);
    init_counter = 1;
  }
  hits++;
}

int main(void) {
  for (int i = 0; i < 1000; i++) {
    next_packet();
    count_packet();
    printf("%d %d %ld\n", stats.seen, stats.kicked, hits);
  }
  return 0;
}
