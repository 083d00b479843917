// once_begin() (pulseaudio's pa_once_begin()) returns true to the first caller only, and
// returns it holding the control's mutex; false without it (done already, or done while this
// caller waited). once_end() sets `done` and releases the mutex. once_begin_racy() also
// returns true on a path that holds nothing (see log.c).
#include "once.h"

bool once_begin(struct once *control) {
  struct mutex *m;
  if (control->done)
    return false;
  m = static_mutex_get(control);
  mutex_lock(m);
  if (control->done) {
    mutex_unlock(m);
    return false;
  }
  return true;
}

void once_end(struct once *control) {
  struct mutex *m;
  control->done = 1;
  m = static_mutex_get(control);
  mutex_unlock(m);
}

bool once_begin_racy(struct once *control) {
  struct mutex *m;
  if (control->done)
    return false;
  if (control->fast)
    return true;  // holds nothing
  m = static_mutex_get(control);
  mutex_lock(m);
  if (control->done) {
    mutex_unlock(m);
    return false;
  }
  return true;
}
