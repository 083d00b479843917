// A thread with a cancellation pending (deferred) takes a lock whose acquisition is reported: the
// report writes and reads (cancellation points), yet the cancellation must not act inside
// pthread_mutex_lock - the lock returns, and the thread is cancelled at its own next
// cancellation point, holding none of the hook's locks. The main thread reports afterwards.
// HOOK-RUN: timeout=30
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdlib.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER, B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M;
sem_t first_done, cancel_sent;
atomic_int lock_returned;

static void *first(void *arg) {
  (void)arg;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  sem_post(&first_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  int old;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
  sem_wait(&cancel_sent);  // a cancellation point, while cancellation is disabled
  pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);  // now pending, deferred
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  atomic_store(&lock_returned, 1);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pthread_testcancel();
  return NULL;  // never reached
}

int main(void) {
  pthread_mutex_init(&M, NULL);
  sem_init(&first_done, 0, 0);
  sem_init(&cancel_sent, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  sem_wait(&first_done);
  pthread_create(&t2, NULL, second, NULL);
  pthread_cancel(t2);
  sem_post(&cancel_sent);
  void *ret;
  pthread_join(t2, &ret);
  pthread_join(t1, NULL);
  if (ret != PTHREAD_CANCELED || !atomic_load(&lock_returned)) return 3;
  pthread_mutex_unlock(&M);  // EXPECT: unlock-unheld M
  return 0;
}
