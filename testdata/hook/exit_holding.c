// Threads that end while holding a lock: one returns from its start routine holding M1, one calls
// pthread_exit holding M2. exit-holding is reported where each held lock was taken.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>

pthread_mutex_t M1 = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t M2 = PTHREAD_MUTEX_INITIALIZER;

static void *returns(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M1);  // EXPECT: exit-holding M1
  return NULL;
}

static void *exits(void *arg) {
  (void)arg;
  pthread_mutex_lock(&M2);  // EXPECT: exit-holding M2
  pthread_exit(NULL);
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, returns, NULL);
  pthread_create(&t2, NULL, exits, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
