// wait-holding when the signaler needs the lock: first the signaler signals C while holding H (it
// takes H on its way to the signal), then the waiter waits on C holding H. Had the waiter waited
// first, the signaler would have blocked on H for ever. wait-holding H is reported on the wait,
// with the signal that needed H. (The wait is timed, so this run ends; timed or not, the starved
// signaler is the bug.) The counterpart: wait_holding_benign.c.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <time.h>

pthread_mutex_t H = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t C = PTHREAD_COND_INITIALIZER;
bool ready;  // under M
sem_t signalled;

static void *signaler(void *arg) {
  (void)arg;
  pthread_mutex_lock(&H);
  pthread_mutex_lock(&M);
  ready = true;
  pthread_cond_signal(&C);  // EXPECT: wait-holding H
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&H);
  sem_post(&signalled);
  return NULL;
}

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  while (!ready)
    pthread_cond_wait(&C, &M);
  pthread_mutex_unlock(&M);
  sem_wait(&signalled);

  pthread_mutex_lock(&H);
  pthread_mutex_lock(&M);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 50 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  pthread_cond_timedwait(&C, &M, &deadline);  // EXPECT: wait-holding H
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&H);
  return NULL;
}

int main(void) {
  sem_init(&signalled, 0, 0);
  pthread_t s, w;
  pthread_create(&w, NULL, waiter, NULL);
  pthread_create(&s, NULL, signaler, NULL);
  pthread_join(s, NULL);
  pthread_join(w, NULL);
  return 0;
}
