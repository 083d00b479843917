// Two binary semaphores used as locks (sem_wait takes, sem_post gives back), named by the
// config's `semaphore-lock *_gate`, taken in both orders: an inversion. The counting
// semaphore `jobs` signals work between threads; it is no lock, so waiting on it while a
// gate is held, and the other way round, is no cycle.
// STATIC-RUN: args="--config=%S/lockgraph.conf"
#include <pthread.h>
#include <semaphore.h>

static sem_t disk_gate, net_gate, jobs;
static int queued;

static void *flusher(void *p) {
  sem_wait(&disk_gate);  // EXPECT-STATIC: lock-order-inversion disk_gate => net_gate => disk_gate
  sem_wait(&net_gate);   // EXPECT-STATIC: lock-order-inversion disk_gate => net_gate => disk_gate
  sem_post(&net_gate);
  sem_post(&disk_gate);
  sem_wait(&jobs);
  sem_wait(&disk_gate);
  queued--;
  sem_post(&disk_gate);
  return p;
}

static void *sender(void *p) {
  sem_wait(&net_gate);   // EXPECT-STATIC: lock-order-inversion disk_gate => net_gate => disk_gate
  sem_wait(&disk_gate);  // EXPECT-STATIC: lock-order-inversion disk_gate => net_gate => disk_gate
  queued++;
  sem_wait(&jobs);
  sem_post(&disk_gate);
  sem_post(&net_gate);
  return p;
}

int main(void) {
  pthread_t a, b;
  sem_init(&disk_gate, 0, 1);
  sem_init(&net_gate, 0, 1);
  sem_init(&jobs, 0, 0);
  pthread_create(&a, 0, flusher, 0);
  pthread_create(&b, 0, sender, 0);
  for (int i = 0; i < 2; i++)
    sem_post(&jobs);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
