// Seed (threading-notes.md, 信号量): a parking lot with 5 places (a POSIX semaphore) and 10 cars.
// At most 5 cars are inside at once; the occupancy statistics are kept under `stats`, which is
// taken with no other lock held. Nothing to report.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

enum { kPlaces = 5, kCars = 10 };

sem_t places;
pthread_mutex_t stats = PTHREAD_MUTEX_INITIALIZER;
int inside, most_inside;

static void *car(void *arg) {
  int id = (int)(long)arg;
  sem_wait(&places);
  pthread_mutex_lock(&stats);
  inside++;
  if (inside > most_inside)
    most_inside = inside;
  pthread_mutex_unlock(&stats);
  printf("car %d parked\n", id);
  usleep(100 * 1000);
  printf("car %d leaves\n", id);
  pthread_mutex_lock(&stats);
  inside--;
  pthread_mutex_unlock(&stats);
  sem_post(&places);
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  sem_init(&places, 0, kPlaces);
  pthread_t cars[kCars];
  for (long i = 0; i < kCars; i++)
    pthread_create(&cars[i], NULL, car, (void *)i);
  for (int i = 0; i < kCars; i++)
    pthread_join(cars[i], NULL);
  sem_destroy(&places);
  printf("at most %d cars were inside\n", most_inside);
  return most_inside <= kPlaces ? 0 : 1;
}
// STATIC-RUN:
