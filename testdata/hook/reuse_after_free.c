// Lock lifetime: pthread_mutex_destroy ends a lock's identity. A heap mutex m1 is taken after A
// (A -> m1), then destroyed and freed; a new mutex m2 is malloc'ed at the same address (checked)
// and taken before A (m2 -> A). m1 and m2 are different locks: no cycle, no finding, although
// both threads are alive at the same time.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t *m;  // handed from main to the threads through the semaphores
sem_t go1, done1, go2, done2;

static void *first(void *arg) {
  (void)arg;
  sem_wait(&go1);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(m);
  pthread_mutex_unlock(m);
  pthread_mutex_unlock(&A);
  sem_post(&done1);
  sem_wait(&go1);  // stay alive until the second thread is done
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  sem_wait(&go2);
  pthread_mutex_lock(m);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(m);
  sem_post(&done2);
  return NULL;
}

int main(void) {
  sem_init(&go1, 0, 0);
  sem_init(&done1, 0, 0);
  sem_init(&go2, 0, 0);
  sem_init(&done2, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);

  pthread_mutex_t *m1 = malloc(sizeof *m1);
  pthread_mutex_init(m1, NULL);
  m = m1;
  sem_post(&go1);
  sem_wait(&done1);
  pthread_mutex_destroy(m1);
  free(m1);

  pthread_mutex_t *m2 = malloc(sizeof *m2);
  if (m2 != m1) {
    fprintf(stderr, "test is void: malloc did not reuse the address (%p, %p)\n", (void *)m1,
            (void *)m2);
    return 3;
  }
  pthread_mutex_init(m2, NULL);
  m = m2;
  sem_post(&go2);
  sem_wait(&done2);
  sem_post(&go1);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_destroy(m2);
  free(m2);
  return 0;
}
