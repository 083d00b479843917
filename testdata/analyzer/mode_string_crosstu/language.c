// STATIC-RUN:
#include "file.h"

pthread_mutex_t lang_mutex = PTHREAD_MUTEX_INITIALIZER;
static int nlangs;

const char *lang_string(const char *s) {
  pthread_mutex_lock(&lang_mutex);
  nlangs++;
  pthread_mutex_unlock(&lang_mutex);
  return s;
}

static void message_load(const char *filename) {
  pthread_mutex_lock(&lang_mutex);
  FILE *fp = file_open(filename, "r");
  if (fp)
    fclose(fp);
  nlangs++;
  pthread_mutex_unlock(&lang_mutex);
}

static void *worker(void *arg) {
  message_load("/tmp/x");
  FILE *s = file_open("localhost", "s");
  if (s)
    fclose(s);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
