// galera's gcs_test.cpp in miniature: test_log_msg() takes its lock twice (a typo for the
// unlock), but its only call is under `if (!throughput)`, and `throughput` is a static the file
// initialises to 1 and only ever reads: the branch is never taken, and nothing deadlocks.
// Clean. The twin static_flag_set_by_option.c lets an option clear the flag.
// STATIC-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>

static int throughput = 1;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long sent;

static void test_log_msg(long n) {
  pthread_mutex_lock(&log_lock);
  printf("sent %ld\n", n);
  pthread_mutex_lock(&log_lock);
}

static void *sender(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    pthread_mutex_lock(&log_lock);
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
    printf("throughput mode %d\n", throughput);
  pthread_create(&a, NULL, sender, NULL);
  pthread_create(&b, NULL, sender, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
