// C11 atomics and thread-locals in C. Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdatomic.h>

atomic_int total;
_Thread_local int mine;
static __thread long scratch;

static void *work(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++) {
    total++;
    atomic_fetch_add(&total, 1);
    mine++;
    scratch += mine;
  }
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, work, 0);
  pthread_create(&b, 0, work, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return total == 4000 ? 0 : 1;
}
