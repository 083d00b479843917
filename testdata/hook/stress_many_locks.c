// 64 threads take random subsets of 1000 mutexes, always in increasing index order: a consistent
// global order, so however many edges, there is no cycle and no finding. Should finish in
// seconds under the hook.
// HOOK-RUN: timeout=120
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

enum { kThreads = 64, kLocks = 1000, kRounds = 2000, kMaxSubset = 8 };

pthread_mutex_t locks[kLocks];

static unsigned next_random(unsigned *state) {  // xorshift32
  unsigned x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static void *worker(void *arg) {
  unsigned state = 2463534242u + (unsigned)(long)arg * 7919u;
  int held[kMaxSubset];
  for (int round = 0; round < kRounds; round++) {
    int n = 1 + next_random(&state) % kMaxSubset;
    int index = -1, count = 0;
    for (int i = 0; i < n; i++) {
      int room = kLocks - 1 - index - (n - 1 - i);  // leave room for the rest, increasing
      if (room <= 0)
        break;
      index += 1 + next_random(&state) % (room < 200 ? room : 200);
      pthread_mutex_lock(&locks[index]);
      held[count++] = index;
    }
    // Release in a shuffled order: unlock order does not matter for lock order.
    for (int i = count - 1; i > 0; i--) {
      int j = next_random(&state) % (i + 1);
      int t = held[i];
      held[i] = held[j];
      held[j] = t;
    }
    for (int i = 0; i < count; i++)
      pthread_mutex_unlock(&locks[held[i]]);
  }
  return NULL;
}

int main(void) {
  for (int i = 0; i < kLocks; i++)
    pthread_mutex_init(&locks[i], NULL);
  pthread_t threads[kThreads];
  for (long i = 0; i < kThreads; i++)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  for (int i = 0; i < kThreads; i++)
    pthread_join(threads[i], NULL);
  for (int i = 0; i < kLocks; i++)
    pthread_mutex_destroy(&locks[i]);
  puts("done");
  return 0;
}
