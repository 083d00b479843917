// mafft's job-list workers: `int para = targ->para;` is a local copy of the flag, and the lock
// is taken and given back under `if (para)`. A store through a pointer between the two tests
// (`*posshared += 100`, which might change `targ->para` as far as the analyzer can tell) does
// not change the copy: the second test still agrees with the first, so no path keeps the lock
// to the next round. (Before: the store dropped the fact, and the next `lock` was reported as
// a self-deadlock.) `worker_skips()` goes on to the next round past the unlock on one path,
// with the lock held, and takes it again there - reported.
// STATIC-RUN:
#include <pthread.h>

typedef struct {
  int njob;
  int para;
  int *posshared;
  pthread_mutex_t *mutex;
  double *result;
} arg_t;

static void *worker(void *arg) {
  arg_t *targ = (arg_t *)arg;
  int njob = targ->njob;
  int para = targ->para;
  int *posshared = targ->posshared;
  int n;
  while (1) {
    if (para)
      pthread_mutex_lock(targ->mutex);
    if (*posshared >= njob) {
      if (para)
        pthread_mutex_unlock(targ->mutex);
      return 0;
    }
    *posshared += 100;
    if (para)
      pthread_mutex_unlock(targ->mutex);
    n = 0;
    if (n < 100)
      targ->result[n] = n;
  }
}

static void *worker_skips(void *arg) {
  arg_t *targ = (arg_t *)arg;
  int njob = targ->njob;
  int para = targ->para;
  int *posshared = targ->posshared;
  while (1) {
    if (para)
      pthread_mutex_lock(targ->mutex);  // EXPECT: self-deadlock arg_t::mutex
    if (*posshared >= njob) {
      if (para)
        pthread_mutex_unlock(targ->mutex);
      return 0;
    }
    *posshared += 100;
    if (*posshared % 300 == 0)
      continue; /* forgets the unlock */
    if (para)
      pthread_mutex_unlock(targ->mutex);
  }
}

int main(void) {
  pthread_t t[4];
  static arg_t a;
  for (int k = 0; k < 2; k++)
    pthread_create(&t[k], 0, worker, &a);
  for (int k = 2; k < 4; k++)
    pthread_create(&t[k], 0, worker_skips, &a);
  for (int k = 0; k < 4; k++)
    pthread_join(t[k], 0);
  return 0;
}
