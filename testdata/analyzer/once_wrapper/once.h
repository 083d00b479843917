// One-time initialisation through a function that returns true holding a lock (see log.c).
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct mutex;
struct once {
  struct mutex *mutex;
  volatile int done;
  int fast;
};
#define ONCE_INIT {0, 0, 0}

struct mutex *static_mutex_get(struct once *control);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);

bool once_begin(struct once *control);
void once_end(struct once *control);
bool once_begin_racy(struct once *control);

// pulseaudio's PA_ONCE_BEGIN { ... } PA_ONCE_END;
#define ONCE_BEGIN                          \
  do {                                      \
    static struct once _once = ONCE_INIT;   \
    if (once_begin(&_once)) {{

#define ONCE_END                            \
      }                                     \
      once_end(&_once);                     \
    }                                       \
  } while (0)

#define RACY_ONCE_BEGIN                     \
  do {                                      \
    static struct once _once = ONCE_INIT;   \
    if (once_begin_racy(&_once)) {{
