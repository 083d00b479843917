// Trylock with back-off: the second thread takes B then tries A, and on failure
// releases B and retries. A trylock adds no order edge, so there is no cycle. Clean.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <sched.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int moved;

static void *forward(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++) {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);
    moved++;
    pthread_mutex_unlock(&B);
    pthread_mutex_unlock(&A);
  }
  return 0;
}

static void *backward(void *p) {
  (void)p;
  for (int i = 0; i < 1000; i++) {
    for (;;) {
      pthread_mutex_lock(&B);
      if (pthread_mutex_trylock(&A) == 0)
        break;
      pthread_mutex_unlock(&B);
      sched_yield();
    }
    moved--;
    pthread_mutex_unlock(&A);
    pthread_mutex_unlock(&B);
  }
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, forward, 0);
  pthread_create(&b, 0, backward, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return moved;
}
