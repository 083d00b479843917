#include <pthread.h>
struct cache {
  pthread_mutex_t mu;
  long used;
};
extern pthread_mutex_t table_lock, stats_lock, log_lock, journal_lock;
struct lock_fns {
  int (*lock)(void *);
  int (*unlock)(void *);
};
extern struct lock_fns lock_fns;
extern struct cache the_cache;
void store_put(const char *key);
void store_hit(void);
void store_log(const char *msg);
void store_journal(void);
void cache_touch(struct cache *c);
void mutex_lock(pthread_mutex_t *m);
void mutex_unlock(pthread_mutex_t *m);
void session_note(int id);
