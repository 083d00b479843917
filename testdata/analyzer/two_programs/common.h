#include <pthread.h>
extern pthread_mutex_t cfg_lock;    /* the configuration */
extern pthread_mutex_t stats_lock;  /* counters */
extern long requests;
void stats_add(long n);
