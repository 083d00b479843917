// Seed (threading-notes.md, 同步对象): an Event (flag + mutex + condition variable, like Python's
// threading.Event) orders a boss and five workers. The boss sets the event ("overtime"), the
// workers start, clear it after a while and wait again until the boss sets it a second time ("end
// of the day"). Every wait holds only the event's own mutex: nothing to report.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

enum { kWorkers = 5 };

struct event {
  pthread_mutex_t mu;
  pthread_cond_t cond;
  bool flag;
  unsigned long generation;  // bumped by every set(), so a waiter woken by set() returns even if
                             // the flag was cleared again before it ran (as in Python)
};

static struct event ev = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0};

static void event_set(struct event *e) {
  pthread_mutex_lock(&e->mu);
  e->flag = true;
  e->generation++;
  pthread_cond_broadcast(&e->cond);
  pthread_mutex_unlock(&e->mu);
}

static void event_clear(struct event *e) {
  pthread_mutex_lock(&e->mu);
  e->flag = false;
  pthread_mutex_unlock(&e->mu);
}

static bool event_is_set(struct event *e) {
  pthread_mutex_lock(&e->mu);
  bool flag = e->flag;
  pthread_mutex_unlock(&e->mu);
  return flag;
}

static void event_wait(struct event *e) {
  pthread_mutex_lock(&e->mu);
  unsigned long generation = e->generation;
  while (!e->flag && e->generation == generation)
    pthread_cond_wait(&e->cond, &e->mu);
  pthread_mutex_unlock(&e->mu);
}

static void *boss(void *arg) {
  (void)arg;
  printf("Boss: overtime tonight\n");
  printf("Boss: event is %s\n", event_is_set(&ev) ? "set" : "clear");
  event_set(&ev);
  usleep(800 * 1000);
  printf("Boss: time to go home\n");
  printf("Boss: event is %s\n", event_is_set(&ev) ? "set" : "clear");
  event_set(&ev);
  return NULL;
}

static void *worker(void *arg) {
  (void)arg;
  event_wait(&ev);
  printf("Worker: start working\n");
  usleep(200 * 1000);
  event_clear(&ev);
  event_wait(&ev);
  printf("Worker: done\n");
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  pthread_t threads[kWorkers + 1];
  for (int i = 0; i < kWorkers; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  pthread_create(&threads[kWorkers], NULL, boss, NULL);
  for (int i = 0; i <= kWorkers; i++)
    pthread_join(threads[i], NULL);
  printf("end\n");
  return 0;
}
// STATIC-RUN:
