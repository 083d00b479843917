// static_flag_never_set.c where an option clears the flag (`if (argc > 5) throughput = 0;`):
// the branch that calls test_log_msg() can run, and its second lock of log_lock is a
// self-deadlock.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

static int throughput = 1;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long sent;

static void test_log_msg(long n) {
  pthread_mutex_lock(&log_lock);
  printf("sent %ld\n", n);
  pthread_mutex_lock(&log_lock);  // EXPECT: self-deadlock log_lock
}

static void *sender(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_mutex_lock(&log_lock);  // EXPECT: self-deadlock log_lock
    long n = ++sent;
    pthread_mutex_unlock(&log_lock);
    if (!throughput)
      test_log_msg(n);
  }
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_t a, b;
  if (argc > 5)
    throughput = 0;
  pthread_create(&a, NULL, sender, NULL);
  pthread_create(&b, NULL, sender, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
