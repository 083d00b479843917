// The seed's split read-modify-write: temp = num; sleep; num = temp - 1, in a
// thread function, with no lock held.
// STATIC-RUN:
// TSAN: racy
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

int num = 100;

static void *sub(void *p) {
  (void)p;
  int temp = num;
  usleep(100);
  num = temp - 1;  // EXPECT-STATIC: unlocked-rmw num
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
