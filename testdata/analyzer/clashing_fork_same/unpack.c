// Twin of clashing_fork: the same two programs, but unpack's own queue_get() counts cur_blocks
// under its queue lock, in the reader thread, while the writer thread counts without it: the
// evidence is in unpack's own program, and the unlocked count is reported.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

long cur_blocks;
void init_info(void);

static pthread_mutex_t unpack_queue_mutex = PTHREAD_MUTEX_INITIALIZER;

void *queue_get(void) {
  pthread_mutex_lock(&unpack_queue_mutex);
  cur_blocks++;
  pthread_mutex_unlock(&unpack_queue_mutex);
  return 0;
}

static void *reader(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    queue_get();
  return 0;
}

static void *writer(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    cur_blocks++;  // EXPECT-STATIC: unlocked-rmw cur_blocks
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
