// Not a hang: every thread waits with a deadline (a condition's timed wait, a semaphore's timed
// wait, a timed lock of a mutex another thread holds), each for three watchdog periods, then all
// give up and end. A timed wait ends by itself: never blocked for ever, no finding, status 0.
// HOOK-RUN: timeout=30
// TSAN: clean
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <time.h>

pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t Held = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t C = PTHREAD_COND_INITIALIZER;
sem_t never, held;

static struct timespec in_ms(int ms) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_sec += ms / 1000;
  t.tv_nsec += (ms % 1000) * 1000000L;
  if (t.tv_nsec >= 1000000000L) {
    t.tv_sec += 1;
    t.tv_nsec -= 1000000000L;
  }
  return t;
}

static void *cond_waiter(void *arg) {
  (void)arg;
  struct timespec t = in_ms(1500);
  pthread_mutex_lock(&M);
  while (pthread_cond_timedwait(&C, &M, &t) != ETIMEDOUT) {
  }
  pthread_mutex_unlock(&M);
  return NULL;
}

static void *sem_waiter(void *arg) {
  (void)arg;
  struct timespec t = in_ms(1500);
  while (sem_timedwait(&never, &t) != 0 && errno == EINTR) {
  }
  return NULL;
}

static void *lock_waiter(void *arg) {
  (void)arg;
  sem_wait(&held);
  struct timespec t = in_ms(1500);
  if (pthread_mutex_timedlock(&Held, &t) == 0)
    pthread_mutex_unlock(&Held);
  return NULL;
}

int main(void) {
  sem_init(&never, 0, 0);
  sem_init(&held, 0, 0);
  pthread_t a, b, c;
  pthread_create(&a, NULL, cond_waiter, NULL);
  pthread_create(&b, NULL, sem_waiter, NULL);
  pthread_create(&c, NULL, lock_waiter, NULL);
  pthread_mutex_lock(&Held);
  sem_post(&held);
  struct timespec t = in_ms(1600);
  pthread_mutex_lock(&M);
  while (pthread_cond_timedwait(&C, &M, &t) != ETIMEDOUT) {
  }
  pthread_mutex_unlock(&M);
  pthread_mutex_unlock(&Held);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return 0;
}
