// The wrappers of recursive_attr_out_param/attr.c (see there).
#include <pthread.h>

typedef struct recursive_mutex {
  pthread_mutex_t lock;
} recursive_mutex;

typedef struct plain_mutex {
  pthread_mutex_t lock;
} plain_mutex;

typedef struct late_mutex {
  pthread_mutex_t lock;
} late_mutex;

int recursive_mutex_init(recursive_mutex *m);
int late_mutex_init(late_mutex *m);
int plain_mutex_init(plain_mutex *m);
