// The I/O threads run the same write path as the main thread, but replica clients never go
// to an I/O thread (a run-time rule the analyzer cannot see), so the replication backlog's
// counters, updated on that path's replica branch, are the main thread's alone: no thread's
// own code touches them. The I/O threads' own counter, updated in their own loop, is shared.
// STATIC-RUN:
#include <pthread.h>

struct client {
  int is_replica;
  long sent;
};

static struct {
  long backlog_len;
  long repl_mem;
  long io_writes;
} server;

static struct client clients[16];

static void trim_backlog(void) {
  server.backlog_len -= 16;
  server.repl_mem--;
}

static void write_to_client(struct client *c) {
  c->sent++;
  if (c->is_replica)
    trim_backlog();
}

static void *io_thread(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < 100; i++) {
    write_to_client(&clients[id]);
    server.io_writes++;  // EXPECT-STATIC: unlocked-rmw server.io_writes
  }
  return arg;
}

int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, io_thread, (void *)i);
  for (int i = 0; i < 16; i++)
    write_to_client(&clients[i]);  // replicas are written here, by the main thread
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return 0;
}
