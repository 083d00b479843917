// wait-holding found from the signal's side: the waiter waits on C holding H (a bounded wait);
// meanwhile the signaler, who needs H to signal C, blocks on H until the wait times out, then
// signals holding H. Reported at that signal, naming the wait that held H.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

pthread_mutex_t H = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t C = PTHREAD_COND_INITIALIZER;
pthread_cond_t Waiting = PTHREAD_COND_INITIALIZER;
bool waiting, ready;  // under M; M is held from `waiting = true` until the wait releases it

static void *waiter(void *arg) {
  (void)arg;
  pthread_mutex_lock(&H);
  pthread_mutex_lock(&M);
  waiting = true;
  pthread_cond_signal(&Waiting);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 200 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  while (!ready && pthread_cond_timedwait(&C, &M, &deadline) == 0) {  // EXPECT: wait-holding H
  }
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&H);
  return NULL;
}

static void *signaler(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  while (!waiting)  // then the waiter is in its wait, holding H
    pthread_cond_wait(&Waiting, &M);
  pthread_mutex_unlock(&M);
  pthread_mutex_lock(&H);  // blocks until the waiter gives up
  pthread_mutex_lock(&M);
  ready = true;
  pthread_cond_signal(&C);  // EXPECT: wait-holding H
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&H);
  return NULL;
}

int main(void) {
  pthread_t s, w;
  pthread_create(&w, NULL, waiter, NULL);
  pthread_create(&s, NULL, signaler, NULL);
  pthread_join(w, NULL);
  pthread_join(s, NULL);
  return 0;
}
