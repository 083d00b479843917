// A program that never starts a thread: its unlocked RMWs are not races. Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>

int counter;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void locked_bump(void) {
  pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
}

int main(void) {
  for (int i = 0; i < 10; i++) {
    locked_bump();
    counter += 2;
  }
  return counter == 30 ? 0 : 1;
}
