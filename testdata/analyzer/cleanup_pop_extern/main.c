// A lock released by a cancellation cleanup handler defined in another TU, logged through a
// chain of TUs (multipath-tools: cli_del_maps() -> flush_map() -> ... -> condlog() -> dlog()
// -> log_safe(), see log_pthread.c and debug.c). Nothing is held after remove_map(): calling
// it twice is no self-deadlock, and logging under config_lock orders nothing after it.
// STATIC-RUN:
// STATIC-COMPILE: --std=gnu99 -O2 -D_GNU_SOURCE -fPIC
#include <pthread.h>

#include "log.h"

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static int conf_version;

static void *cli(void *arg) {
  remove_map(1);
  remove_map(2);
  pthread_mutex_lock(&config_lock);
  conf_version++;
  pthread_mutex_unlock(&config_lock);
  return arg;
}

static void *checker(void *arg) {
  pthread_mutex_lock(&config_lock);
  conf_version++;
  dlog(4, "config changed\n");
  pthread_mutex_unlock(&config_lock);
  return arg;
}

int main(void) {
  pthread_t a, b;
  logsink = 1;
  pthread_create(&a, 0, cli, 0);
  pthread_create(&b, 0, checker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
