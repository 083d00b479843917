// NSPR's locks and monitors (nspr 4.35's pr/tests/threads.c: `PR_EnterMonitor(mon); alive--;
// PR_Notify(mon); PR_ExitMonitor(mon);` in every thread). A monitor is re-entrant: its owner
// enters it again (count_more() below) without a deadlock. Before, NSPR's functions were no
// locks at all for a program that only has NSPR's headers: every update under a monitor was an
// unlocked read-modify-write.
// Twins: a PRLock and the monitor taken in both orders (an inversion), an update made outside
// the monitor (a lost update), and a second PR_Lock() of a PRLock its thread holds (a
// self-deadlock: a PRLock is not re-entrant).
// STATIC-RUN:
#include <pthread.h>
#include <stdio.h>

#include "prmon.h"

static PRMonitor *mon;
static PRLock *stats_lock;
static int alive, created, stats, done, cached;

static void count_more(void) {
  PR_EnterMonitor(mon);  // re-entered: the caller holds it
  created++;
  PR_ExitMonitor(mon);
}

static void record_stats(void) {
  PR_Lock(stats_lock);
  stats++;
  PR_EnterMonitor(mon);  // EXPECT-STATIC: lock-order-inversion
  done++;
  PR_ExitMonitor(mon);
  PR_Unlock(stats_lock);
}

static void report(void) {
  PR_EnterMonitor(mon);
  PR_Lock(stats_lock);
  printf("%d %d\n", stats, done);
  PR_Unlock(stats_lock);
  PR_ExitMonitor(mon);
}

static void relock_stats(void) {
  PR_Lock(stats_lock);
  PR_Lock(stats_lock);  // EXPECT-STATIC: self-deadlock
  stats++;
  PR_Unlock(stats_lock);
  PR_Unlock(stats_lock);
}

static void *dumb_thread(void *arg) {
  (void)arg;
  PR_EnterMonitor(mon);
  alive--;
  count_more();
  PR_Notify(mon);
  PR_ExitMonitor(mon);
  PR_CEnterMonitor(&cached);
  cached++;
  PR_CExitMonitor(&cached);
  record_stats();
  report();
  done++;  // EXPECT-STATIC: unlocked-rmw done
  return NULL;
}

int main(void) {
  pthread_t t[4];
  mon = PR_NewMonitor();
  stats_lock = PR_NewLock();
  alive = 4;
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, dumb_thread, NULL);
  PR_EnterMonitor(mon);
  while (alive > 0)
    PR_Wait(mon, PR_INTERVAL_NO_TIMEOUT);
  PR_ExitMonitor(mon);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  relock_stats();
  return 0;
}
