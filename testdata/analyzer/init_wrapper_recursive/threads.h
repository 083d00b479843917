#include <pthread.h>

void mutex_init_recursive(pthread_mutex_t *mutex);
void mutex_init_plain(pthread_mutex_t *mutex);
void log_init(void);
void log_line(const char *s);
