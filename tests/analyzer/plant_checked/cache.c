/* Every lock call is the condition of an `if` whose body is the failure branch (arpon's style):
 * the harness plants on the line after the whole if statement, where the lock is held. */
#include <pthread.h>
#include <stdio.h>

#include "shared.h"

static pthread_mutex_t cache_mtx = PTHREAD_MUTEX_INITIALIZER;
static int cache_entries;

int cache_add(void) {
  if (pthread_mutex_lock(&cache_mtx) != 0)
    return -1;
  cache_entries++;
  pthread_mutex_unlock(&cache_mtx);
  return 0;
}

int cache_size(void) {
  int n;
  if (pthread_mutex_lock(&cache_mtx) != 0) {
    fprintf(stderr, "cache: lock failed\n");
    return -1;
  }
  n = cache_entries;
  pthread_mutex_unlock(&cache_mtx);
  return n;
}
