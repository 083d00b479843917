// The wrappers' header (icecast's src/thread/thread.h): the lock functions are declared here,
// defined in thread.c, and called through macros in the other files.
#include <pthread.h>

typedef struct {
  long mutex_id;
  int line;
  pthread_mutex_t sys_mutex;
} mutex_t;

void thread_mutex_lock_c(mutex_t *mutex, int line, const char *file);
void thread_mutex_unlock_c(mutex_t *mutex, int line, const char *file);
#define thread_mutex_lock(x) thread_mutex_lock_c(x, __LINE__, __FILE__)
#define thread_mutex_unlock(x) thread_mutex_unlock_c(x, __LINE__, __FILE__)

// A struct with a wrapped lock inside a member, locked through a second wrapper level.
struct source {
  int listeners;
  struct {
    mutex_t lock;
    int queued;
  } q;
};
void source_lock(struct source *s);
void source_unlock(struct source *s);

struct ice_config_locks {
  mutex_t relay_lock;
  mutex_t config_lock;
};

extern mutex_t _global_event_mutex;
extern struct ice_config_locks _locks;
extern struct source main_source;
