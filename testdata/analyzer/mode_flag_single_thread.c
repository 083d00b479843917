// STATIC-RUN:
// mafft's msadistmtxthread(): the same worker runs as N threads when `nthreadpair` is set, and
// is called directly by main() when it is 0. It takes the job counter's lock only when the flag
// is set (`if (nthreadpair) { lock(m); jp->i += 1; unlock(m); } else jp->i++;`): the unlocked
// branch is the single-threaded mode, no update of the counter can be lost there. The twin:
// `hits` is locked in one place and incremented without the lock under a flag the function
// never locks under (`if (verbose) hits++`): that one is a lost update.
#include <pthread.h>
#include <stdlib.h>

typedef struct { int i; } Job;
typedef struct { Job *jp; pthread_mutex_t *mutex; int n; } Arg;
static int nthreadpair, verbose;
static double out[1000];
static pthread_mutex_t hits_mu = PTHREAD_MUTEX_INITIALIZER;
static long hits;

static void *worker(void *arg) {
  Arg *t = (Arg *)arg;
  Job *jp = t->jp;
  int i;
  while (1) {
    if (nthreadpair) {
      pthread_mutex_lock(t->mutex);
      i = jp->i;
      if (i == t->n) {
        pthread_mutex_unlock(t->mutex);
        return NULL;
      }
      jp->i += 1;
      pthread_mutex_unlock(t->mutex);
    } else {
      i = (jp->i)++;
      if (i == t->n)
        return NULL;
    }
    out[i] = i * 2.0;
    if (verbose) {
      hits++;  // EXPECT-STATIC: unlocked-rmw hits
    } else {
      pthread_mutex_lock(&hits_mu);
      hits++;
      pthread_mutex_unlock(&hits_mu);
    }
  }
}

int main(int argc, char **argv) {
  nthreadpair = argc > 1 ? atoi(argv[1]) : 0;
  verbose = argc > 2;
  Job job = {0};
  if (nthreadpair > 0) {
    pthread_mutex_t mutex;
    pthread_t *h = calloc(nthreadpair, sizeof(pthread_t));
    Arg *targ = calloc(nthreadpair, sizeof(Arg));
    pthread_mutex_init(&mutex, NULL);
    for (int i = 0; i < nthreadpair; i++) {
      targ[i].jp = &job;
      targ[i].mutex = &mutex;
      targ[i].n = 1000;
      pthread_create(h + i, NULL, worker, targ + i);
    }
    for (int i = 0; i < nthreadpair; i++)
      pthread_join(h[i], NULL);
    free(h);
    free(targ);
  } else {
    Arg one = {&job, NULL, 1000};
    worker(&one);
  }
  return 0;
}
