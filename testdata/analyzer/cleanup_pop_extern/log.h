#include <pthread.h>
#include <stdarg.h>
void cleanup_mutex(void *arg);
void log_safe(int prio, const char *fmt, va_list ap);
void dlog(int prio, const char *fmt, ...);
void flush_map(int id);
void remove_map(int id);
extern int logsink;
