// A spin lock made of a trylock loop (ecasound's kvu_pthread_mutex_spinlock(), from Paul Davis'
// libpbd): `while (i > 0 && (err = pthread_mutex_trylock(mp)) == EBUSY) i--;` then
// `if (err == EBUSY) err = pthread_mutex_lock(mp);`. The loop's test keeps the trylock's result
// in `err`: where the trylock succeeded `err` is not EBUSY, so the blocking lock is only taken
// where it failed (or was never tried). No self-deadlock. The twin blocks whatever `err` says:
// after a successful trylock it takes the lock it holds, a real self-deadlock.
// STATIC-RUN:
#include <errno.h>
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static int na, nb;

static int spinlock(pthread_mutex_t *mp, long spinlimit) {
  int err = EBUSY;
  long i = spinlimit;
  while (i > 0 && ((err = pthread_mutex_trylock(mp)) == EBUSY))
    i--;
  if (err == EBUSY)
    err = pthread_mutex_lock(mp);
  return err;
}

static int spinlock_twin(pthread_mutex_t *mp, long spinlimit) {
  int err = EBUSY;
  long i = spinlimit;
  while (i > 0 && ((err = pthread_mutex_trylock(mp)) == EBUSY))
    i--;
  err = pthread_mutex_lock(mp);  // EXPECT-STATIC: self-deadlock *mp
  return err;
}

static void *worker(void *arg) {
  (void)arg;
  for (int k = 0; k < 100; k++) {
    spinlock(&a, 50);
    na++;
    pthread_mutex_unlock(&a);
    spinlock_twin(&b, 50);
    nb++;
    pthread_mutex_unlock(&b);
  }
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, worker, 0);
  pthread_create(&t2, 0, worker, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
