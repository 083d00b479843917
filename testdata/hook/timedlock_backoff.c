// Two threads take A and B in opposite orders but never block for ever: each takes its second
// lock with pthread_mutex_timedlock and, when that times out, releases the first and tries again.
// Both time out once (each holds what the other wants for 1.5 s, three watchdog periods), then
// T2 backs off longer and T1 gets through. A timed wait is not blocked for ever: no
// actual-deadlock, the program ends; the orders still invert, so the potential deadlock is
// reported (a plain lock() on either side would hang).
// HOOK-RUN: timeout=30
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
sem_t a_held, b_held;

static int take_within(pthread_mutex_t *m, int ms) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += ms / 1000;
  deadline.tv_nsec += (ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000000000L;
  }
  return pthread_mutex_timedlock(m, &deadline);
}

static void *t1(void *arg) {
  (void)arg;
  for (int round = 0;; round++) {
    pthread_mutex_lock(&A);
    if (round == 0) {
      sem_post(&a_held);
      sem_wait(&b_held);  // both hold their first lock: the timed waits below meet
    }
    if (take_within(&B, 1500) == 0) {  // EXPECT: lock-order-inversion A => B => A
      pthread_mutex_unlock(&B);
      pthread_mutex_unlock(&A);
      return NULL;
    }
    pthread_mutex_unlock(&A);
    usleep(10 * 1000);
  }
}

static void *t2(void *arg) {
  (void)arg;
  for (int round = 0;; round++) {
    pthread_mutex_lock(&B);
    if (round == 0) {
      sem_post(&b_held);
      sem_wait(&a_held);
    }
    if (take_within(&A, 1500) == 0) {  // EXPECT: lock-order-inversion A => B => A
      pthread_mutex_unlock(&A);
      pthread_mutex_unlock(&B);
      return NULL;
    }
    pthread_mutex_unlock(&B);
    usleep(300 * 1000);  // back off longer than T1
  }
}

int main(void) {
  sem_init(&a_held, 0, 0);
  sem_init(&b_held, 0, 0);
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
