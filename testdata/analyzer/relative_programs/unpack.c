// unpack (see pack.c): one writer thread counts blocks, main only reads the count.
#include <pthread.h>
#include <stdio.h>

long done;

static void *writer(void *p) {
  (void)p;
  for (int i = 0; i < 100; i++)
    done++;
  return 0;
}

int main(void) {
  pthread_t w;
  pthread_create(&w, 0, writer, 0);
  printf("%ld\n", done);
  pthread_join(w, 0);
  return 0;
}
