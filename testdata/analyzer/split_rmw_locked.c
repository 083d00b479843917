// The seed's fix: the split read-modify-write under a lock. Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

int num = 100;
pthread_mutex_t l = PTHREAD_MUTEX_INITIALIZER;

static void *sub(void *p) {
  (void)p;
  pthread_mutex_lock(&l);
  int temp = num;
  usleep(100);
  num = temp - 1;
  pthread_mutex_unlock(&l);
  return NULL;
}

int main(void) {
  pthread_t t[20];
  for (int i = 0; i < 20; i++)
    pthread_create(&t[i], NULL, sub, NULL);
  for (int i = 0; i < 20; i++)
    pthread_join(t[i], NULL);
  printf("final num: %d\n", num);
  return 0;
}
