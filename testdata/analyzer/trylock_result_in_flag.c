// A trylock whose result a flag keeps: qpid-proton's epoll proactor suspends a thread by
// spinning with the slot's lock dropped, trying it again now and then, and takes it back only
// when the last try failed (`locked = (pthread_mutex_trylock(&ts->mutex) == 0); ... if (!locked)
// lock(&ts->mutex);`). Where the try succeeded the flag says so: no self-deadlock. The twin takes
// it back whatever the flag says.
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>

typedef struct {
  pthread_mutex_t mutex;
  pthread_cond_t cond;
  bool scheduled, suspended;
} tslot_t;

static int pni_spins = 100000;

static inline void lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static inline void unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

static void suspend(tslot_t *ts) {
  lock(&ts->mutex);
  if (pni_spins && !ts->scheduled) {
    bool locked = true;
    for (volatile int i = 0; i < pni_spins; i++) {
      if (locked) {
        unlock(&ts->mutex);
        locked = false;
      }
      if ((i % 1000) == 0) {
        locked = (pthread_mutex_trylock(&ts->mutex) == 0);
      }
      if (ts->scheduled)
        break;
    }
    if (!locked)
      lock(&ts->mutex);
  }
  ts->suspended = true;
  while (!ts->scheduled)
    pthread_cond_wait(&ts->cond, &ts->mutex);
  ts->suspended = false;
  unlock(&ts->mutex);
}

static void bad_suspend(tslot_t *ts) {
  lock(&ts->mutex);
  bool locked = true;
  for (volatile int i = 0; i < pni_spins; i++) {
    if (locked) {
      unlock(&ts->mutex);
      locked = false;
    }
    if ((i % 1000) == 0)
      locked = (pthread_mutex_trylock(&ts->mutex) == 0);
    if (ts->scheduled)
      break;
  }
  pthread_mutex_lock(&ts->mutex);  // EXPECT-STATIC: self-deadlock tslot_t::mutex
  ts->suspended = true;
  unlock(&ts->mutex);
}

static void *run(void *arg) {
  suspend(arg);
  bad_suspend(arg);
  return 0;
}

int start(tslot_t *ts) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, run, ts);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
