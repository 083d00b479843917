// Twin of relative_programs (same database shape: two programs, files named relative to the
// build directory): here unpack's own progress module (unpack_progress.c) counts `done` under
// unpack_mutex while its writer thread counts without a lock, so the unlocked update is
// reported, with evidence from its own program. pack is as in relative_programs.
// STATIC-RUN: db=relative
#include <pthread.h>

void progress_add(long n);
long packed_bytes;

static void *packer(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++) {
    progress_add(1);
    packed_bytes += 512;  // EXPECT-STATIC: unlocked-rmw packed_bytes
  }
  return 0;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, packer, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
