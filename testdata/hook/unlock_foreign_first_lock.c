// A lock taken with nothing else held is recorded by address only; its node is looked up when a
// second lock is taken on top of it. Here another thread unlocks it first (a statically
// initialised mutex, never passed to init, so the hook has no node for it yet): unlock-unheld.
// The owner's record goes stale: its later B, taken while it still "holds" S, draws no edge
// S -> B, so main's B -> S afterwards makes no cycle.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t S = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t locked, unlocked;

static void *owner(void *arg) {
  (void)arg;
  pthread_mutex_lock(&S);
  sem_post(&locked);
  sem_wait(&unlocked);
  pthread_mutex_lock(&B);  // S was unlocked by the other thread: no S -> B
  pthread_mutex_unlock(&B);
  return NULL;
}

static void *intruder(void *arg) {
  (void)arg;
  sem_wait(&locked);
  pthread_mutex_unlock(&S);  // EXPECT: unlock-unheld S
  sem_post(&unlocked);
  return NULL;
}

int main(void) {
  sem_init(&locked, 0, 0);
  sem_init(&unlocked, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, owner, NULL);
  pthread_create(&t2, NULL, intruder, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&S);
  pthread_mutex_unlock(&S);
  pthread_mutex_unlock(&B);
  return 0;
}
