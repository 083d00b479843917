#include <pthread.h>
#include <stddef.h>

struct list_head {
  struct list_head *next, *prev;
};

// defined in list.c: stream.c does not see what it writes
void list_del_init(struct list_head *e);

struct stream {
  struct list_head send_node;
  int monitor;
  pthread_mutex_t lock;
};

extern pthread_mutex_t consumer_lock;
void stream_destroy(struct stream *stream);
