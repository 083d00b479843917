// An init routine run by pthread_once() runs once, in the first thread that gets there, while
// every other caller waits for it to finish: its updates (`defaults |= ...` below) are no
// unlocked read-modify-write, though two threads call pthread_once(). The same update in a
// function both threads call directly is one.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned defaults, calls;

static void init_defaults(void) {
  if (getenv("COLORS"))
    defaults |= 1;
  if (getenv("TIME"))
    defaults |= 2;
}

static unsigned get_defaults(void) {
  pthread_once(&once, init_defaults);
  calls++;  // EXPECT-STATIC: unlocked-rmw calls
  return defaults;
}

static void *worker(void *arg) {
  (void)arg;
  return (void *)(unsigned long)get_defaults();
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
