// unpack (see pack.c): its writer thread counts blocks without a lock, and its own progress
// thread counts under progress_mutex (unpack_progress.c): the lock in unpack's own code is
// evidence, and the unlocked update is reported.
#include <pthread.h>

long done;
void unpack_progress(void);

static void *writer(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    done++;  // EXPECT-STATIC: unlocked-rmw done
  return 0;
}

static void *progress(void *p) {
  (void)p;
  unpack_progress();
  return 0;
}

int main(void) {
  pthread_t w, q;
  pthread_create(&w, 0, writer, 0);
  pthread_create(&q, 0, progress, 0);
  pthread_join(w, 0);
  pthread_join(q, 0);
  return 0;
}
