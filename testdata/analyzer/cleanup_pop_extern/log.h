#include <pthread.h>
void cleanup_mutex(void *arg);
void log_safe(int prio, const char *msg);
