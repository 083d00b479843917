// The library's connection (see client.c).
#include <pthread.h>

struct conn {
  pthread_mutex_t out_mutex;
  int out_count;
};

void packet_queue(struct conn *c);
int loop_start(struct conn *c, int nthreads);
void on_packet(struct conn *c);  // the program's
