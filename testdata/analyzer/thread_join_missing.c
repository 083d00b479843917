// thread_join_latent.c without the join: main waits for the maintenance thread's work with a
// semaphore, which orders nothing the analyzer (or the hook) models, and the thread is
// detached. main's B -> A can run while the thread holds A and wants B: a lock-order-inversion.
// (At run time the semaphore keeps this program from hanging.)
// HOOK-RUN:
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static pthread_t maint_tid;
static sem_t done;

static void pause_all(void) {
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&B);
}

static void *maintenance(void *arg) {
  pthread_mutex_lock(&A);
  pause_all();
  pthread_mutex_unlock(&A);
  sem_post(&done);
  return arg;
}

static void start_maintenance(void) {
  pthread_create(&maint_tid, NULL, maintenance, NULL);
  pthread_detach(maint_tid);
}

static void stop_all(void) {
  sem_wait(&done);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
}

int main(void) {
  sem_init(&done, 0, 0);
  start_maintenance();
  stop_all();
  return 0;
}
