// A local flag that the path sets before the call decides the callee's lock-if, as a
// constant argument does (bind9's do_modzone(): `LOCK(&view->new_zone_lock); locked = true;
// ... delete_zoneconf(view, ..., locked)`, where delete_zoneconf() takes the lock only
// `if (!locked)`). No self-deadlock there. A flag the path does not know (set on one branch
// only) decides nothing: remove_zone() passes `locked` that is true only when `quick` was
// given, and on the other path it calls delete_conf() holding the lock with `locked` false.
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>

#define LOCK(m) pthread_mutex_lock(m)
#define UNLOCK(m) pthread_mutex_unlock(m)

struct view {
  pthread_mutex_t new_zone_lock;
  int nzones;
};

static int delete_conf(struct view *view, const char *name, bool locked) {
  if (!locked) {
    LOCK(&view->new_zone_lock);
  }
  view->nzones -= name != 0;
  if (!locked) {
    UNLOCK(&view->new_zone_lock);
  }
  return 0;
}

int modify_zone(struct view *view, const char *name) {
  bool locked = false;
  int result;

  LOCK(&view->new_zone_lock);
  locked = true;
  view->nzones++;
  result = delete_conf(view, name, locked);
  if (locked) {
    UNLOCK(&view->new_zone_lock);
  }
  return result;
}

int remove_zone(struct view *view, const char *name, bool quick) {
  bool locked = false;
  int result;

  if (quick) {
    locked = true;
  }
  LOCK(&view->new_zone_lock);
  result = delete_conf(view, name, locked);  // EXPECT-STATIC: self-deadlock view::new_zone_lock
  UNLOCK(&view->new_zone_lock);
  return result;
}

int drop_zone(struct view *view, const char *name) {
  return delete_conf(view, name, false);
}
