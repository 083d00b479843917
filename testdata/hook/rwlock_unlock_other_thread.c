// A thread unlocks a rwlock that another thread holds for reading: unlock-unheld. The reader's
// record goes stale (it holds the lock no more, whatever it thinks), so its later B, taken while
// it still "holds" S, draws no edge S -> B, and main's B -> S afterwards makes no cycle.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>

pthread_rwlock_t S = PTHREAD_RWLOCK_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t locked, unlocked, owner_done, finish;

static void *owner(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&S);
  sem_post(&locked);
  sem_wait(&unlocked);
  pthread_mutex_lock(&B);  // S was unlocked by the other thread: no S -> B
  pthread_mutex_unlock(&B);
  sem_post(&owner_done);
  sem_wait(&finish);
  return NULL;
}

static void *intruder(void *arg) {
  (void)arg;
  sem_wait(&locked);
  pthread_rwlock_unlock(&S);  // EXPECT: unlock-unheld S
  sem_post(&unlocked);
  return NULL;
}

int main(void) {
  sem_init(&locked, 0, 0);
  sem_init(&unlocked, 0, 0);
  sem_init(&owner_done, 0, 0);
  sem_init(&finish, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, owner, NULL);
  pthread_create(&t2, NULL, intruder, NULL);
  sem_wait(&owner_done);
  pthread_mutex_lock(&B);  // while the owner still runs: a real inversion if S -> B existed
  pthread_rwlock_wrlock(&S);
  pthread_rwlock_unlock(&S);
  pthread_mutex_unlock(&B);
  sem_post(&finish);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
