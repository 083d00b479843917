#include <pthread.h>
#include <stdio.h>

#include "shared.h"

static pthread_mutex_t stats_mtx = PTHREAD_MUTEX_INITIALIZER;
static unsigned long stats_calls;

void stats_count(void) {
  if (pthread_mutex_lock(&stats_mtx))
  {
    perror("stats");
    return;
  }
  stats_calls++;
  pthread_mutex_unlock(&stats_mtx);
}
