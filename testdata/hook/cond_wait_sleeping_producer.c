// Not a hang: the consumer waits on a condition while the producer sleeps in nanosleep (a call
// the hook does not know, which ends by itself) for three watchdog periods and then signals. main
// waits to join. No thread is blocked for ever: no finding, status 0.
// HOOK-RUN: timeout=30
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t Ready = PTHREAD_COND_INITIALIZER;
bool ready;  // under M

static void *consumer(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  while (!ready)
    pthread_cond_wait(&Ready, &M);
  pthread_mutex_unlock(&M);
  return NULL;
}

static void *producer(void *arg) {
  (void)arg;
  struct timespec pause = {1, 500 * 1000 * 1000};
  nanosleep(&pause, NULL);
  pthread_mutex_lock(&M);
  ready = true;
  pthread_cond_signal(&Ready);
  pthread_mutex_unlock(&M);
  return NULL;
}

int main(void) {
  pthread_t c, p;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(c, NULL);
  pthread_join(p, NULL);
  return 0;
}
