#include <pthread.h>

#include "shared.h"

static pthread_mutex_t log_mtx = PTHREAD_MUTEX_INITIALIZER;
static long log_lines;

void log_line(void) {
  do {
    if (pthread_mutex_lock(&log_mtx) != 0)
      break;
    log_lines++;
    pthread_mutex_unlock(&log_mtx);
  } while (0);
}
