// NSPR's cached monitors: `PR_CEnterMonitor(c)` locks the monitor NSPR keeps for the address c,
// the object itself (nspr 4.35's pr/tests/lock.c: ContentiousMonitor() updates a
// MonitorContentious_t under `PR_EnterMonitor(contention->ml)`, ContentiousCMonitor() and its
// Contender thread update another one under `PR_CEnterMonitor(contention)`). An update made
// with the object's own cached monitor held follows that object's discipline: it is not an
// "unlocked" update of data "protected by MonitorContentious_s::ml elsewhere", as it was
// reported before.
// Twin: lone_contender() updates `contentious` with no lock at all while the monitor's users
// update it under `ml`: a lost update.
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

#include "prmon.h"

typedef struct contention_s {
  PRMonitor *ml;
  int loops;
  unsigned contender, contentious;
} contention_t;

static void *monitor_contender(void *arg) {
  contention_t *c = (contention_t *)arg;
  for (int i = 0; i < c->loops; i++) {
    PR_EnterMonitor(c->ml);
    c->contender += 1;
    c->contentious += 1;
    PR_ExitMonitor(c->ml);
  }
  return NULL;
}

static void *monitor_main_loop(void *arg) {
  contention_t *c = (contention_t *)arg;
  for (int i = 0; i < c->loops; i++) {
    PR_EnterMonitor(c->ml);
    c->contender += 2;
    c->contentious += 2;
    PR_ExitMonitor(c->ml);
  }
  return NULL;
}

static void *cached_contender(void *arg) {
  contention_t *c = (contention_t *)arg;
  for (int i = 0; i < c->loops; i++) {
    PR_CEnterMonitor(c);
    c->contender += 1;
    PR_CExitMonitor(c);
  }
  return NULL;
}

static void *lone_contender(void *arg) {
  contention_t *c = (contention_t *)arg;
  for (int i = 0; i < c->loops; i++)
    c->contentious += 1;  // EXPECT-STATIC: unlocked-rmw contention_s::contentious
  return NULL;
}

int main(void) {
  contention_t *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
  a->ml = PR_NewMonitor();
  a->loops = b->loops = 100;
  pthread_t t[5];
  pthread_create(&t[0], NULL, monitor_contender, a);
  pthread_create(&t[1], NULL, monitor_main_loop, a);
  pthread_create(&t[2], NULL, cached_contender, b);
  pthread_create(&t[3], NULL, cached_contender, b);
  pthread_create(&t[4], NULL, lone_contender, a);
  for (int i = 0; i < 5; i++)
    pthread_join(t[i], NULL);
  return 0;
}
