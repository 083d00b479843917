// The broker: single-threaded, built with its defines (see client.c).
// STATIC-COMPILE: -DWITH_BROKER -DWITH_BRIDGE
#include "conn.h"

static struct conn contexts[4];

void on_packet(struct conn *c) {
  packet_queue(c);
  c->out_count++;  // the broker's own accounting: it has one thread
}

int main(int argc, char **argv) {
  (void)argv;
  for (int i = 0; i < argc && i < 4; i++)
    loop_start(&contexts[i], 1);
  return 0;
}
