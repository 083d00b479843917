// A robust mutex whose owner died holding it: the next lock returns EOWNERDEAD and the lock is
// taken; the program makes it consistent and unlocks it. That is what robust mutexes are for:
// neither the owner's death (exit-holding) nor the recovering unlock (unlock-unheld) is misuse.
// HOOK-RUN:
// TSAN: clean
#include <errno.h>
#include <pthread.h>

pthread_mutex_t R;
pthread_mutex_t other = PTHREAD_MUTEX_INITIALIZER;

static void *owner(void *arg) {
  (void)arg;
  pthread_mutex_lock(&R);
  return NULL;  // dies holding R
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&R, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_t t;
  pthread_create(&t, NULL, owner, NULL);
  pthread_join(t, NULL);
  pthread_mutex_lock(&other);
  int rc = pthread_mutex_lock(&R);  // nested, through the slow path
  if (rc != EOWNERDEAD) return 3;
  pthread_mutex_consistent(&R);
  pthread_mutex_unlock(&R);
  pthread_mutex_unlock(&other);
  rc = pthread_mutex_lock(&R);  // and taken alone, through the fast path
  if (rc != 0) return 4;
  pthread_mutex_unlock(&R);
  pthread_mutex_destroy(&R);
  return 0;
}
