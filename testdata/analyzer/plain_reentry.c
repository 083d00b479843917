// A plain mutex re-taken while held: directly, and through a call.
// STATIC-RUN:
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t q = PTHREAD_MUTEX_INITIALIZER;
int items;

static void push(void) {
  pthread_mutex_lock(&q);  // EXPECT: self-deadlock q
  items++;
  pthread_mutex_unlock(&q);
}

static void *direct(void *p) {
  (void)p;
  pthread_mutex_lock(&m);  // EXPECT: self-deadlock m
  pthread_mutex_lock(&m);  // EXPECT: self-deadlock m
  pthread_mutex_unlock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}

static void *via_call(void *p) {
  (void)p;
  pthread_mutex_lock(&q);  // EXPECT: self-deadlock q
  push();                  // EXPECT: self-deadlock q
  pthread_mutex_unlock(&q);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, direct, 0);
  pthread_create(&b, 0, via_call, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
