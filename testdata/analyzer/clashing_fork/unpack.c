// Two programs without link information: pack (pack.c, info.c, queues.c) and unpack (unpack.c,
// unpack_info.c). Both call init_info(), which info.c and unpack_info.c define, so unpack's
// program forks on it. The fork taking info.c also needs queues.c (for dump_queue()), which
// defines queue_get() again: unpack.c has its own. No link makes that fork, so it is dropped:
// its queues.c would count unpack's cur_blocks under queue_mutex in the reader thread and make
// the writer thread's unlocked count look like a forgotten lock (squashfs-tools: unsquashfs with
// mksquashfs' info.c and caches-queues-lists.c). In unpack, one thread writes cur_blocks.
// Twin: clashing_fork_same (unpack's own queue_get() counts under the lock).
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

long cur_blocks;
void init_info(void);

void *queue_get(void) { return 0; }

static void *reader(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    queue_get();
  return 0;
}

static void *writer(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    cur_blocks++;
  return 0;
}

int main(void) {
  pthread_t r, w;
  init_info();
  pthread_create(&r, 0, reader, 0);
  pthread_create(&w, 0, writer, 0);
  printf("%ld\n", cur_blocks);
  pthread_join(r, 0);
  pthread_join(w, 0);
  return 0;
}
