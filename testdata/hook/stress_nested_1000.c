// 1000 mutexes held at once: two threads each take all of them in index order (a consistent
// order) and release them, one last-in-first-out, the other first-in-first-out; a few rounds.
// No finding.
// HOOK-RUN: timeout=120
// TSAN: clean
#include <pthread.h>

enum { kLocks = 1000, kRounds = 5 };

pthread_mutex_t locks[kLocks];

static void *worker(void *arg) {
  int lifo = (int)(long)arg;
  for (int round = 0; round < kRounds; round++) {
    for (int i = 0; i < kLocks; i++)
      pthread_mutex_lock(&locks[i]);
    for (int i = 0; i < kLocks; i++)
      pthread_mutex_unlock(&locks[lifo ? kLocks - 1 - i : i]);
  }
  return NULL;
}

int main(void) {
  for (int i = 0; i < kLocks; i++)
    pthread_mutex_init(&locks[i], NULL);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, (void *)1L);
  pthread_create(&t2, NULL, worker, (void *)0L);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  for (int i = 0; i < kLocks; i++)
    pthread_mutex_destroy(&locks[i]);
  return 0;
}
