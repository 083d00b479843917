// pack (see unpack.c): its deflators count cur_blocks in queue_get(), under queue_mutex.
#include <pthread.h>

long cur_blocks;
void init_info(void);
void *queue_get(void);

static void *deflator(void *p) {
  (void)p;
  queue_get();
  return 0;
}

int main(void) {
  pthread_t t[2];
  init_info();
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, deflator, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
