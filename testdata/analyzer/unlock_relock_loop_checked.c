// A callee that gives back the lock its caller holds and takes it again, in a loop, through
// checked lock macros (bind9's timer_purge(): `while (...) { ...; UNLOCK(&timer->lock); ...;
// LOCK(&timer->lock); }`, called by isc_timer_reset() and isc_timer_destroy() with
// timer->lock held, where LOCK is `RUNTIME_CHECK(isc_mutex_lock(lp) == ISC_R_SUCCESS)` and
// isc_mutex_lock() maps pthread_mutex_lock()'s result to ISC_R_SUCCESS/ISC_R_UNEXPECTED by
// `?:`). The re-lock is no self-deadlock: the lock was released just before it. (Reported by
// the analyzer before the mapped-result rule of trylock_mapped_result.c decided such checked
// locks where their code is tested.) timer_rearm() below, which calls a function taking the lock
// without giving it back first, is one.
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

_Noreturn void fatal_error(const char *msg);
#define R_SUCCESS 0
#define R_UNEXPECTED 25
#define RUNTIME_CHECK(cond) ((cond) ? (void)0 : fatal_error(#cond))
#define mutex_lock(mp) ((pthread_mutex_lock((mp)) == 0) ? R_SUCCESS : R_UNEXPECTED)
#define mutex_unlock(mp) ((pthread_mutex_unlock((mp)) == 0) ? R_SUCCESS : R_UNEXPECTED)
#define LOCK(lp) do { RUNTIME_CHECK(mutex_lock((lp)) == R_SUCCESS); } while (0)
#define UNLOCK(lp) do { RUNTIME_CHECK(mutex_unlock((lp)) == R_SUCCESS); } while (0)

struct event { struct event *next; };
struct timer {
  pthread_mutex_t lock;
  struct event *active;
  int type;
};

bool purge_event(struct event *e);
void free_event(struct event **e);

static void timer_purge(struct timer *timer) {
  struct event *event = NULL;
  while ((event = timer->active) != NULL) {
    timer->active = event->next;
    bool purged = purge_event(event);
    UNLOCK(&timer->lock);
    if (purged) {
      free_event(&event);
    }
    LOCK(&timer->lock);
  }
}

void timer_reset(struct timer *timer, int type, bool purge) {
  LOCK(&timer->lock);
  if (purge) {
    timer_purge(timer);
  }
  timer->type = type;
  UNLOCK(&timer->lock);
}

void timer_destroy(struct timer *timer) {
  LOCK(&timer->lock);
  timer_purge(timer);
  UNLOCK(&timer->lock);
}

// the same macros taking the lock again without giving it back first: a self-deadlock
static void timer_settype(struct timer *timer, int type) {
  LOCK(&timer->lock);
  timer->type = type;
  UNLOCK(&timer->lock);
}

void timer_rearm(struct timer *timer, int type) {
  LOCK(&timer->lock);
  timer_settype(timer, type);  // EXPECT-STATIC: self-deadlock timer::lock
  UNLOCK(&timer->lock);
}
