// A mutex made recursive, in another TU, by an attribute handed out through an out-parameter (SWI-Prolog
// 9.0.4, src/pl-thread.c: recursive_attr(pthread_mutexattr_t **ap) sets a static attribute
// PTHREAD_MUTEX_RECURSIVE once and stores `*ap = &attr`; recursiveMutexInit() calls
// `recursive_attr(&attr)` and `pthread_mutex_init(&m->lock, attr)`; every IO stream's mutex is
// made so, and S__close() -> S__removebuf() -> S__flushbuf() locks the stream it already
// holds). The owner re-taking it only counts up. Before, a self-deadlock on
// `stream::mutex` (the sole lock of a wrapper is named by the field that holds it).
// The function handing the attribute out may be defined after its caller (late_attr()).
// Twin: plain_attr() hands out an attribute never set recursive; a `plain_mutex` made with it
// and re-taken by its owner hangs (reported).
// This TU makes the mutexes; stream.c takes them.
// STATIC-RUN:
#include "mutex.h"

static int recursive_attr(pthread_mutexattr_t **ap) {
  static int done;
  static pthread_mutexattr_t attr;
  if (done) {
    *ap = &attr;
    return 0;
  }
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  done = 1;
  *ap = &attr;
  return 0;
}

static int late_attr(pthread_mutexattr_t **ap);

int late_mutex_init(late_mutex *m) {
  pthread_mutexattr_t *attr = NULL;
  if (late_attr(&attr))
    return -1;
  return pthread_mutex_init(&m->lock, attr);
}

static int late_attr(pthread_mutexattr_t **ap) {
  static pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  *ap = &attr;
  return 0;
}

static int plain_attr(pthread_mutexattr_t **ap) {
  static pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  *ap = &attr;
  return 0;
}

int recursive_mutex_init(recursive_mutex *m) {
  pthread_mutexattr_t *attr = NULL;
  int rc = recursive_attr(&attr);
  if (rc)
    return rc;
  return pthread_mutex_init(&m->lock, attr);
}

int plain_mutex_init(plain_mutex *m) {
  pthread_mutexattr_t *attr = NULL;
  int rc = plain_attr(&attr);
  if (rc)
    return rc;
  return pthread_mutex_init(&m->lock, attr);
}

