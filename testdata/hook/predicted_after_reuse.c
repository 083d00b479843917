// A lock taken again at the same depth, on top of the same held lock, reuses what the last
// acquisition there validated (the lock's node, the chain) - only while no lock has died since.
// Here the worker takes A then m 100 times, m is destroyed and freed, and a new mutex n is
// malloc'ed at the same address (checked); the worker then takes A then n: a new edge A -> n,
// not the old A -> m. With the other thread's n -> A, a lock-order inversion (A and n), which a
// prediction that outlived m would miss.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t *m;
sem_t reused, worker_done, other_done;

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(m);
    pthread_mutex_unlock(m);
    pthread_mutex_unlock(&A);
  }
  sem_post(&worker_done);
  sem_wait(&reused);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(m);  // EXPECT: lock-order-inversion
  pthread_mutex_unlock(m);
  pthread_mutex_unlock(&A);
  sem_post(&worker_done);
  sem_wait(&other_done);
  return NULL;
}

static void *other(void *arg) {
  (void)arg;
  sem_wait(&worker_done);
  pthread_mutex_lock(m);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(m);
  sem_post(&other_done);
  return NULL;
}

int main(void) {
  sem_init(&reused, 0, 0);
  sem_init(&worker_done, 0, 0);
  sem_init(&other_done, 0, 0);
  m = malloc(sizeof *m);
  pthread_mutex_init(m, NULL);
  pthread_t w, o;
  pthread_create(&w, NULL, worker, NULL);
  sem_wait(&worker_done);
  pthread_mutex_t *old = m;
  pthread_mutex_destroy(m);
  free(m);
  m = malloc(sizeof *m);
  if (m != old) {
    fprintf(stderr, "test is void: the new mutex is not at the old address\n");
    return 3;
  }
  pthread_mutex_init(m, NULL);
  sem_post(&reused);
  pthread_create(&o, NULL, other, NULL);
  pthread_join(w, NULL);
  pthread_join(o, NULL);
  return 0;
}
