#include <pthread.h>

#include "shared.h"

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++) {
    cache_add();
    log_line();
    stats_count();
  }
  return 0;
}

static void *reporter(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    if (cache_size() > 0)
      log_line();
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, reporter, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
