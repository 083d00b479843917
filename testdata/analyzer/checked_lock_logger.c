// A logger whose lock is taken through a checked macro that reports a failure by logging
// (a DNS server's `LOCKRET(pthread_mutex_lock(&log_lock))` calls log_err() when the lock
// fails): on that failure path the logger goes on to unlock a lock it did not take. That
// unlock gives back nothing the caller held: the logger takes and releases its own lock, its
// callers do not hold `log_lock` "by contract" before calling it, so `get_id()`'s write
// before its log_err() call is not under `log_lock`, and `log_lock` protects nothing of
// `ids` (it was reported as protecting it: "unlocked read-modify-write of 'ids::next': it
// is protected by 'log_lock' elsewhere" at skip_ids()). Nothing here is a finding.
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *logfile;
void log_err(const char *msg);

#define LOCKRET(func)                                   \
  do {                                                  \
    int err;                                            \
    if ((err = (func)) != 0)                            \
      log_err(strerror(err));                           \
  } while (0)

void log_err(const char *msg) {
  LOCKRET(pthread_mutex_lock(&log_lock));
  if (!logfile) {
    LOCKRET(pthread_mutex_unlock(&log_lock));
    return;
  }
  fprintf(logfile, "%s\n", msg);
  LOCKRET(pthread_mutex_unlock(&log_lock));
}

struct ids {
  unsigned long next, last;
};
static struct ids ids;

unsigned long get_id(struct ids *a) {
  unsigned long id = a->next++;
  if (id == a->last)
    log_err("out of ids");
  return id;
}

void skip_ids(struct ids *a, unsigned long n) {
  a->next += n;
}

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    get_id(&ids);
  skip_ids(&ids, 10);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  logfile = stderr;
  ids.last = ~0ul;
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
