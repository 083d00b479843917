// Seed (threading-notes.md, 同步锁): the fix of counter_racy.c. The read, the sleep and the write
// of `num` are done under the lock `l`, so the 100 decrements are serialized and num ends at 0.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { kThreads = 100 };

pthread_mutex_t l = PTHREAD_MUTEX_INITIALIZER;
int num = kThreads;

static void *sub(void *arg) {
  (void)arg;
  pthread_mutex_lock(&l);
  int temp = num;
  usleep(100);
  num = temp - 1;
  pthread_mutex_unlock(&l);
  return NULL;
}

int main(void) {
  pthread_t threads[kThreads];
  for (int i = 0; i < kThreads; i++)
    pthread_create(&threads[i], NULL, sub, NULL);
  for (int i = 0; i < kThreads; i++)
    pthread_join(threads[i], NULL);
  printf("final num: %d\n", num);
  return num == 0 ? 0 : 1;
}
// STATIC-RUN:
