// A file that does not compile: the analyzer says so and exits 2.
// STATIC-RUN: exit=2
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&m)
  undeclared_function_call(42);
  return 0;
}
