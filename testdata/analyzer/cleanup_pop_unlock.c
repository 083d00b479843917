// A lock released by its cancellation cleanup handler (rsyslog's wtpShutdownAll()): the
// handler is pushed right after the lock and popped with execute = 1, so the pop is the
// unlock. The function takes no lock for its callers: no self-deadlock when it is called
// twice, no order from 'wtp::mutWtp' to the queue's lock. The handler also runs when the
// thread is cancelled inside (a path that ends in __pthread_unwind_next and never returns).
// The same through a project's own push/pop macros, and with pthread_mutex_unlock itself as
// the handler.
// STATIC-RUN:
#include <pthread.h>
#include <time.h>

struct wtp {
  pthread_mutex_t mutWtp;
  pthread_cond_t condAnyWrkrTerminated;
  int nRunning;
  int maxWorkers;
};

struct queue {
  pthread_mutex_t mut;
  struct wtp *pWtpReg;
  long nLogEnq;
};

static void mutexCancelCleanup(void *arg) { pthread_mutex_unlock((pthread_mutex_t *)arg); }

static int wtpShutdownAll(struct wtp *pThis, const struct timespec *ptTimeout) {
  int rc = 0;
  pthread_mutex_lock(&pThis->mutWtp);
  pthread_cleanup_push(mutexCancelCleanup, &pThis->mutWtp);
  while (pThis->nRunning > 0 && rc == 0)
    rc = pthread_cond_timedwait(&pThis->condAnyWrkrTerminated, &pThis->mutWtp, ptTimeout);
  pthread_cleanup_pop(1);
  return rc;
}

// a project's own macros around the pair
#define MUTEX_CANCEL_PUSH(m) pthread_cleanup_push(mutexCancelCleanup, (m))
#define MUTEX_CANCEL_POP() pthread_cleanup_pop(1)

static void wtpSetMax(struct wtp *pThis, int n) {
  pthread_mutex_lock(&pThis->mutWtp);
  MUTEX_CANCEL_PUSH(&pThis->mutWtp);
  pThis->maxWorkers = n;
  MUTEX_CANCEL_POP();
}

// the unlock function itself as the handler
static void wtpAdvise(struct wtp *pThis) {
  pthread_mutex_lock(&pThis->mutWtp);
  pthread_cleanup_push((void (*)(void *))pthread_mutex_unlock, &pThis->mutWtp);
  pThis->nRunning++;
  pthread_cleanup_pop(1);
}

static void qAdvise(struct queue *pThis) {
  pthread_mutex_lock(&pThis->mut);
  pThis->nLogEnq++;
  wtpAdvise(pThis->pWtpReg);
  wtpSetMax(pThis->pWtpReg, 4);
  pthread_mutex_unlock(&pThis->mut);
}

static void qShutdown(struct queue *pThis) {
  struct timespec t = {0, 0};
  wtpShutdownAll(pThis->pWtpReg, &t);
  wtpShutdownAll(pThis->pWtpReg, &t);
  wtpSetMax(pThis->pWtpReg, 0);
  pthread_mutex_lock(&pThis->mut);
  pThis->nLogEnq = 0;
  pthread_mutex_unlock(&pThis->mut);
}

static struct wtp reg = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 1};
static struct queue q = {PTHREAD_MUTEX_INITIALIZER, &reg, 0};

static void *producer(void *arg) {
  qAdvise(&q);
  return arg;
}

static void *stopper(void *arg) {
  qShutdown(&q);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, producer, 0);
  pthread_create(&b, 0, stopper, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
