// A thread the hook did not see start (created through glibc's own pthread_create, as a library
// that resolved it directly would): its first lock makes its state, with its stack's bounds taken
// from the mapping that holds it, and its acquisitions are reported with their stacks like any
// other thread's. It runs alongside main, so A -> B against B -> A is an inversion.
// HOOK-RUN:
// CONFIRM: not-reproduced -- semaphores order the edges: no schedule deadlocks
// HOOK-BUILD: -ldl
// (No TSan oracle: a thread started behind TSan's own pthread_create interceptor crashes TSan.)
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t worker_done, main_done;

__attribute__((noinline)) static void take_both(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void *worker(void *arg) {
  (void)arg;
  take_both();
  sem_post(&worker_done);
  sem_wait(&main_done);
  return NULL;
}

typedef int (*create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

int main(void) {
  sem_init(&worker_done, 0, 0);
  sem_init(&main_done, 0, 0);
  void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
  create_fn create = libc ? (create_fn)dlsym(libc, "pthread_create") : NULL;
  if (create == NULL) {
    fprintf(stderr, "test is void: no libc pthread_create\n");
    return 1;
  }
  pthread_t t;
  create(&t, NULL, worker, NULL);
  sem_wait(&worker_done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  sem_post(&main_done);
  pthread_join(t, NULL);
  return 0;
}
