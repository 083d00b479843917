// Twin of join_then_run.c: the restore thread joins the worker but not the main thread before it
// runs write_tables(), which main also runs: the two can update `bytes` at once.
// STATIC-RUN:
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

pthread_t main_thread, writer_thread;
long bytes, saved_bytes;
long written;

static void write_tables(void) {
  bytes += 64;  // EXPECT-STATIC: unlocked-rmw bytes
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
  bytes = saved_bytes;
  write_tables();
  exit(1);
}

int main(void) {
  pthread_t r;
  main_thread = pthread_self();
  pthread_create(&r, 0, restore, 0);
  pthread_create(&writer_thread, 0, writer, 0);
  write_tables();
  pthread_join(writer_thread, 0);
  return 0;
}
