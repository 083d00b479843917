// As join_then_run.c, but the threads are started by a function that two entry points of the
// program call (mksquashfs' initialise_threads(), called from main() and from sqfstar()): the
// main thread starts them once either way, so the restore thread's joins still name them.
// STATIC-RUN:
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

pthread_t main_thread, writer_thread;
long bytes, saved_bytes;
long written;

static void write_tables(void) {
  bytes += 64;
}

static void *writer(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    written++;
  return 0;
}

static void *restore(void *p) {
  (void)p;
  sigset_t set;
  int sig;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigwait(&set, &sig);
  pthread_cancel(writer_thread);
  pthread_join(writer_thread, 0);
  pthread_cancel(main_thread);
  pthread_join(main_thread, 0);
  bytes = saved_bytes;
  write_tables();
  exit(1);
}

static void start_threads(void) {
  pthread_t r;
  main_thread = pthread_self();
  pthread_create(&r, 0, restore, 0);
  pthread_create(&writer_thread, 0, writer, 0);
}

static int tar_main(void) {
  start_threads();
  write_tables();
  pthread_join(writer_thread, 0);
  return 0;
}

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1)
    return tar_main();
  start_threads();
  write_tables();
  pthread_join(writer_thread, 0);
  return 0;
}
