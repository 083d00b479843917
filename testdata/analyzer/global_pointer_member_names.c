// STATIC-RUN:
// A lock reached through a global pointer is named as the source writes it: 'logbuf->file_lock',
// not 'logbuf.file_lock' (tcmu-runner's tcmu_logbuf), and so is a struct of one lock reached
// so ('cfg->mu': the field the source names stays in the name).
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct log_buf {
  pthread_mutex_t lock;
  pthread_mutex_t file_lock;
  FILE *out;
  int queued;
};
struct config {
  pthread_mutex_t mu;
  int verbose;
};

static struct log_buf *logbuf;
static struct config *cfg;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static int devices;

static void log_line(const char *s) {
  pthread_mutex_lock(&logbuf->file_lock);
  fputs(s, logbuf->out);
  pthread_mutex_unlock(&logbuf->file_lock);
}

static void *flusher(void *arg) {
  (void)arg;
  pthread_mutex_lock(&logbuf->file_lock);
  pthread_mutex_lock(&registry_lock);  // EXPECT-STATIC: lock-order-inversion logbuf->file_lock => registry_lock => logbuf->file_lock
  devices++;
  pthread_mutex_unlock(&registry_lock);
  pthread_mutex_unlock(&logbuf->file_lock);
  pthread_mutex_lock(&cfg->mu);
  pthread_mutex_lock(&logbuf->lock);  // EXPECT-STATIC: lock-order-inversion cfg->mu => logbuf->lock => cfg->mu
  logbuf->queued = cfg->verbose;
  pthread_mutex_unlock(&logbuf->lock);
  pthread_mutex_unlock(&cfg->mu);
  return NULL;
}

static void *registrar(void *arg) {
  (void)arg;
  pthread_mutex_lock(&registry_lock);
  devices++;
  log_line("added\n");
  pthread_mutex_unlock(&registry_lock);
  pthread_mutex_lock(&logbuf->lock);
  pthread_mutex_lock(&cfg->mu);
  cfg->verbose = logbuf->queued;
  pthread_mutex_unlock(&cfg->mu);
  pthread_mutex_unlock(&logbuf->lock);
  return NULL;
}

int main(void) {
  static struct log_buf lb = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, NULL, 0};
  static struct config c = {PTHREAD_MUTEX_INITIALIZER, 0};
  lb.out = stdout;
  logbuf = &lb;
  cfg = &c;
  pthread_t a, b;
  pthread_create(&a, NULL, flusher, NULL);
  pthread_create(&b, NULL, registrar, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
