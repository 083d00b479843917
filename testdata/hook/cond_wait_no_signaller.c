// A thread waits on a condition for a flag nobody sets, while main waits to join it: no thread
// is left that could signal. Every thread of the process is blocked in a wait the hook knows, so
// the hang ends with actual-deadlock (status 67) naming the condition and the join. The
// counterpart: cond_wait_sleeping_producer.c.
// HOOK-RUN: exit=67 timeout=30
#include <pthread.h>
#include <stdbool.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t Ready = PTHREAD_COND_INITIALIZER;
bool ready;  // under M; never set

static void *consumer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  while (!ready)
    pthread_cond_wait(&Ready, &M);  // EXPECT: actual-deadlock
  pthread_mutex_unlock(&M);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, consumer, NULL);
  pthread_join(t, NULL);  // EXPECT: actual-deadlock
  return 0;
}
