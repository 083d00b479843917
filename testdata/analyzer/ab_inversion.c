// The seed's deadlock: actionA takes A then B, actionB takes B then A, both run by
// five threads. Not run (it can really deadlock); the analyzer finds it statically.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

static void actionA(void) {
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  printf("got lock A\n");
  sleep(1);
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  printf("got lock B\n");
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
}

static void actionB(void) {
  pthread_mutex_lock(&B);  // EXPECT: lock-order-inversion A => B => A
  printf("got lock B\n");
  sleep(1);
  pthread_mutex_lock(&A);  // EXPECT: lock-order-inversion A => B => A
  printf("got lock A\n");
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
}

static void *run(void *arg) {
  (void)arg;
  actionA();
  actionB();
  return NULL;
}

int main(void) {
  pthread_t t[5];
  for (int i = 0; i < 5; i++)
    pthread_create(&t[i], NULL, run, NULL);
  for (int i = 0; i < 5; i++)
    pthread_join(t[i], NULL);
  printf("end\n");
  return 0;
}
