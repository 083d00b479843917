// pthread mutexes made recursive (by attribute and by static initializer) may be re-taken. Clean.
// STATIC-RUN:
// TSAN: clean
#define _GNU_SOURCE
#include <pthread.h>

pthread_mutex_t by_attr;
pthread_mutex_t by_init = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
int n;

static void again(void) {
  pthread_mutex_lock(&by_attr);
  pthread_mutex_lock(&by_init);
  n++;
  pthread_mutex_unlock(&by_init);
  pthread_mutex_unlock(&by_attr);
}

static void *work(void *p) {
  (void)p;
  pthread_mutex_lock(&by_attr);
  pthread_mutex_lock(&by_init);
  again();
  pthread_mutex_unlock(&by_init);
  pthread_mutex_unlock(&by_attr);
  return 0;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&by_attr, &attr);
  pthread_t a, b;
  pthread_create(&a, 0, work, 0);
  pthread_create(&b, 0, work, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return n == 2 ? 0 : 1;
}
