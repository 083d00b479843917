// Freeing the memory of a mutex the thread holds with nothing else held: the hook records such a
// lock by address only (it has no node yet, and this one was never passed to init), and the free
// still finds it: destroy-locked. The block is large (1 MiB: glibc gives it back with munmap), so
// anything that read the lock's memory afterwards would crash; the record is dropped instead, and
// the thread's later locks and its exit see nothing held.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct big {
  pthread_mutex_t mu;
  char payload[1 << 20];
};

pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  (void)arg;
  static const pthread_mutex_t init = PTHREAD_MUTEX_INITIALIZER;
  struct big *o = malloc(sizeof *o);
  memcpy(&o->mu, &init, sizeof init);
  pthread_mutex_lock(&o->mu);
  free(o);  // EXPECT: destroy-locked
  pthread_mutex_lock(&B);  // nothing is held: no edge, and no read of the freed block
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
