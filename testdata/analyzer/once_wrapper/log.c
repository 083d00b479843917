// One-time initialisation through a function that returns true holding a lock and false
// without it (pulseaudio's init_defaults(): `PA_ONCE_BEGIN { ... flags_override |= ...; }
// PA_ONCE_END;`, pa_once_begin() in once.c, itself locking through pa_mutex_lock() in a third
// TU): the body runs under the once mutex, so its updates are no unlocked read-modify-write.
// The twin whose begin function also returns true on a path without the lock is reported.
// STATIC-RUN:
#include "once.h"

static unsigned flags_override, racy_flags;
static int level;

static void init_defaults(void) {
  ONCE_BEGIN {
    if (getenv("LOG_COLORS"))
      flags_override |= 1;
    if (getenv("LOG_TIME"))
      flags_override |= 2;
    level++;
  } ONCE_END;
}

static void init_racy(void) {
  RACY_ONCE_BEGIN {
    if (getenv("LOG_COLORS"))
      racy_flags |= 1;  // EXPECT-STATIC: unlocked-rmw racy_flags
  } ONCE_END;
}

static unsigned log_flags(void) {
  init_defaults();
  init_racy();
  return flags_override | racy_flags | (unsigned)level;
}

static void *worker(void *arg) {
  (void)arg;
  return (void *)(unsigned long)log_flags();
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
