#include <pthread.h>
#include <stddef.h>

struct list_head {
  struct list_head *next, *prev;
};

// liburcu's cds_list_del_init(): writes the nodes' next and prev only
static inline void list_del_init(struct list_head *e) {
  e->next->prev = e->prev;
  e->prev->next = e->next;
  e->next = e->prev = e;
}

struct channel {
  pthread_mutex_t lock;
  struct list_head streams;
};

struct stream {
  struct list_head send_node;
  int monitor;
  int globally_visible;
  pthread_mutex_t lock;
};

struct consumer_data {
  pthread_mutex_t lock;
  int need_update;
};

extern struct consumer_data the_consumer_data;
void stream_destroy(struct stream *stream);
