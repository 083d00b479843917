// The client (see server.c): its own main, never linked with the server.
#include "common.h"

void client_reload(void);

static void *ui(void *p) {
  (void)p;
  pthread_mutex_lock(&stats_lock);
  client_reload();
  pthread_mutex_unlock(&stats_lock);
  return 0;
}

int main(void) {
  pthread_t t[2];
  pthread_create(&t[0], 0, ui, 0);
  pthread_create(&t[1], 0, ui, 0);
  pthread_join(t[0], 0);
  pthread_join(t[1], 0);
  return 0;
}
