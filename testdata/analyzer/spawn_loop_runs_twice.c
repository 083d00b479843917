// spawn_loop_runs_once.c with two workers: their unlocked updates of done_items can be
// concurrent, and updates are lost.
// STATIC-RUN:
// TSAN: racy
#include <pthread.h>
#include <stddef.h>

#define NTHREADS 2

static long done_items;

static void *work(void *arg) {
  for (int i = 0; i < 1000; i++)
    done_items++;  // EXPECT: unlocked-rmw done_items
  return arg;
}

static void run_all(void) {
  pthread_t t[NTHREADS];
  int i;
  for (i = 0; i < NTHREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
}

int main(void) {
  done_items++;
  run_all();
  done_items++;
  run_all();
  return done_items > 0 ? 0 : 1;
}
