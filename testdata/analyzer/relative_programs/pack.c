// Two programs in a compile database written by `bear -- make` for a plain Makefile (no link
// information; each command names its file relative to the build directory): pack (pack.c,
// pack_progress.c) and unpack (unpack.c). Each defines its own `done` counter. pack counts
// under progress_mutex in its progress module; unpack's one writer thread counts without a lock,
// which is fine: nothing else in unpack writes it. pack_progress.c is not linked into unpack, so
// its lock is no evidence against unpack.c's update (squashfs-tools: mksquashfs's progressbar.c
// and unsquashfs' cur_blocks). Twin: relative_programs_same (the lock in unpack's own code).
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
