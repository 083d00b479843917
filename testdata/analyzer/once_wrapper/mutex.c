// The program's mutexes (pulseaudio's pa_mutex in mutex-posix.c), a TU of their own: see
// log.c. static_mutex_get() creates a once control's mutex on first use
// (pa_static_mutex_get()).
#include "once.h"

struct mutex {
  pthread_mutex_t mutex;
};

static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;

struct mutex *static_mutex_get(struct once *control) {
  pthread_mutex_lock(&create_lock);
  if (!control->mutex) {
    control->mutex = malloc(sizeof(struct mutex));
    pthread_mutex_init(&control->mutex->mutex, 0);
  }
  pthread_mutex_unlock(&create_lock);
  return control->mutex;
}

void mutex_lock(struct mutex *m) {
  if (pthread_mutex_lock(&m->mutex) != 0)
    abort();
}

void mutex_unlock(struct mutex *m) {
  if (pthread_mutex_unlock(&m->mutex) != 0)
    abort();
}
