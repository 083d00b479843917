// Threads cancelled inside sem_wait (a cancellation point) on a semaphore used as a lock: the
// wait never returns to the hook's wrapper. The hook must not stay "inside itself" for the rest
// of the thread: the cleanup handlers' locks and unlocks are the thread's own and are tracked.
// - nested: a thread holding M waits for S; its cleanup handler unlocks M - correct code, so no
//   exit-holding for M at the thread's end.
// - first: a thread holding nothing waits for S; its cleanup handler takes K and never gives it
//   back - the thread ends holding K, and that is reported.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t K = PTHREAD_MUTEX_INITIALIZER;
sem_t S;  // a lock: initial value 1, taken and given back by the same thread
int ready;

static void unlock_m(void *arg) {
  (void)arg;
  pthread_mutex_unlock(&M);
}

static void take_k(void *arg) {
  (void)arg;
  pthread_mutex_lock(&K);  // EXPECT-HOOK: exit-holding K
}

static void say_ready(void) { __atomic_store_n(&ready, 1, __ATOMIC_RELEASE); }

static void *nested(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M);
  pthread_cleanup_push(unlock_m, NULL);
  say_ready();
  sem_wait(&S);  // main holds S: cancelled here, with M held
  sem_post(&S);
  pthread_cleanup_pop(1);
  return NULL;
}

static void *first(void *arg) {
  (void)arg;
  pthread_cleanup_push(take_k, NULL);
  say_ready();
  sem_wait(&S);  // main holds S: cancelled here, holding nothing
  sem_post(&S);
  pthread_cleanup_pop(0);
  return NULL;
}

static void run(void *(*fn)(void *)) {
  pthread_t t;
  __atomic_store_n(&ready, 0, __ATOMIC_RELAXED);
  pthread_create(&t, NULL, fn, NULL);
  while (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) usleep(1000);
  pthread_cancel(t);  // whether it is in sem_wait yet or not, it is cancelled there
  pthread_join(t, NULL);
}

int main(void) {
  sem_init(&S, 0, 1);
  sem_wait(&S);
  run(nested);
  run(first);
  sem_post(&S);
  pthread_mutex_lock(&M);  // given back by the cancelled thread's cleanup handler
  pthread_mutex_unlock(&M);
  return 0;
}
