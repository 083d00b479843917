// The cleanup handler, in its own TU (multipath-tools' libmpathutil/util.c).
// STATIC-COMPILE: --std=gnu99 -O2 -D_GNU_SOURCE -fPIC
#include <pthread.h>

#include "log.h"

void cleanup_mutex(void *arg) { pthread_mutex_unlock(arg); }
