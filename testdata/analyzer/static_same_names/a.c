// Internal linkage never merges: a.c and b.c each have their own file-static A and B, taken
// in opposite orders in one program. Four locks, no cycle.
// STATIC-RUN:
#include <pthread.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
void *b_thread(void *);

static void *a_thread(void *p) {
  (void)p;
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return 0;
}

int main(void) {
  pthread_t t[2];
  pthread_create(&t[0], 0, a_thread, 0);
  pthread_create(&t[1], 0, b_thread, 0);
  pthread_join(t[0], 0);
  pthread_join(t[1], 0);
  return 0;
}
