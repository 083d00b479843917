// Seed (threading-notes.md, 队列 --- 生产者消费者模型): a queue like Python's queue.Queue, one mutex
// and two condition variables (not_empty for get(), all_done for join()). The producer puts 10
// items and join()s until the consumers have called task_done() for each, then puts one stop
// item per consumer. Every wait holds only the queue's mutex: nothing to report.
// HOOK-RUN:
// TSAN: clean
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { kItems = 10, kConsumers = 3, kCapacity = kItems + kConsumers, kStop = -1 };

struct queue {
  pthread_mutex_t mu;
  pthread_cond_t not_empty;
  pthread_cond_t all_done;
  int items[kCapacity];
  int head, tail;   // items[head..tail) are queued; never wraps (kCapacity puts at most)
  int unfinished;   // put() minus task_done()
};

static struct queue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
                         PTHREAD_COND_INITIALIZER, {0}, 0, 0, 0};

static void put(struct queue *qu, int item) {
  pthread_mutex_lock(&qu->mu);
  qu->items[qu->tail++] = item;
  qu->unfinished++;
  pthread_cond_signal(&qu->not_empty);
  pthread_mutex_unlock(&qu->mu);
}

static int get(struct queue *qu) {
  pthread_mutex_lock(&qu->mu);
  while (qu->head == qu->tail)
    pthread_cond_wait(&qu->not_empty, &qu->mu);
  int item = qu->items[qu->head++];
  pthread_mutex_unlock(&qu->mu);
  return item;
}

static void task_done(struct queue *qu) {
  pthread_mutex_lock(&qu->mu);
  if (--qu->unfinished == 0)
    pthread_cond_broadcast(&qu->all_done);
  pthread_mutex_unlock(&qu->mu);
}

static void join(struct queue *qu) {
  pthread_mutex_lock(&qu->mu);
  while (qu->unfinished > 0)
    pthread_cond_wait(&qu->all_done, &qu->mu);
  pthread_mutex_unlock(&qu->mu);
}

static void *producer(void *arg) {
  (void)arg;
  for (int i = 0; i < kItems; i++) {
    put(&q, i);
    printf("produced bun %d\n", i);
    usleep(10 * 1000);
  }
  join(&q);
  printf("every bun was eaten\n");
  for (int i = 0; i < kConsumers; i++)
    put(&q, kStop);
  return NULL;
}

static void *consumer(void *arg) {
  int id = (int)(long)arg;
  for (;;) {
    int item = get(&q);
    if (item == kStop) {
      task_done(&q);
      return NULL;
    }
    printf("consumer %d eats bun %d\n", id, item);
    usleep(20 * 1000);
    task_done(&q);
  }
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  pthread_t threads[kConsumers + 1];
  for (long i = 0; i < kConsumers; i++)
    pthread_create(&threads[i], NULL, consumer, (void *)i);
  pthread_create(&threads[kConsumers], NULL, producer, NULL);
  for (int i = 0; i <= kConsumers; i++)
    pthread_join(threads[i], NULL);
  printf("end\n");
  return 0;
}
// STATIC-RUN:
