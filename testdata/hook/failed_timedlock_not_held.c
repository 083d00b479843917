// A timed acquisition that times out does not enter the held set. The first thread's timedlock of
// B times out (the second thread holds B); it then takes C. Had B counted as held, that would
// record B -> C, and with the second thread's C -> B make a false cycle. No finding. The timed
// wait is not a deadlock either: it ends by itself.
// HOOK-RUN:
// TSAN: clean
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;
sem_t b_held, try_done, first_done, second_done;
int void_test;

static void *first(void *arg) {
  (void)arg;
  sem_wait(&b_held);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 50 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000 * 1000 * 1000) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000 * 1000 * 1000;
  }
  if (pthread_mutex_timedlock(&B, &deadline) != ETIMEDOUT)
    void_test = 1;  // read by main after join
  sem_post(&try_done);
  pthread_mutex_lock(&C);
  pthread_mutex_unlock(&C);
  sem_post(&first_done);
  sem_wait(&second_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  pthread_mutex_lock(&B);
  sem_post(&b_held);
  sem_wait(&try_done);
  pthread_mutex_unlock(&B);
  sem_wait(&first_done);
  pthread_mutex_lock(&C);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&C);
  sem_post(&second_done);
  return NULL;
}

int main(void) {
  sem_init(&b_held, 0, 0);
  sem_init(&try_done, 0, 0);
  sem_init(&first_done, 0, 0);
  sem_init(&second_done, 0, 0);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, first, NULL);
  pthread_create(&t2, NULL, second, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  if (void_test) {
    fprintf(stderr, "test is void: timedlock did not time out\n");
    return 3;
  }
  return 0;
}
