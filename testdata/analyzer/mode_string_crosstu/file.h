#include <pthread.h>
#include <stdio.h>

extern pthread_mutex_t lang_mutex;
const char *lang_string(const char *s);
FILE *file_open(const char *name, const char *mode);
