// Linked into both programs of this directory (see server.c).
#include "common.h"

pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
long requests;

void stats_add(long n) {
  pthread_mutex_lock(&stats_lock);
  requests += n;
  pthread_mutex_unlock(&stats_lock);
}
