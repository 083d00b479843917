// Workers started in a loop whose bound is a macro defined 1 (yaz's test_icu.c: NO_THREADS
// threads, `#define NO_THREADS 1`): the loop runs once, so one worker runs at a time, and main
// joins it before it counts again. No two updates of done_items can be concurrent: clean. The
// twin spawn_loop_runs_twice.c starts two.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stddef.h>

#define NTHREADS 1

static long done_items;

static void *work(void *arg) {
  for (int i = 0; i < 1000; i++)
    done_items++;
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
