// The mutex initialisers of this program (see input.c), in a TU of their own: one makes the
// mutex it is given recursive (mpv's mpthread_mutex_init_recursive()), the other a default
// one. The log lock of this TU is made recursive through the first one in the same TU: the
// log function re-taking it from a nested call is no self-deadlock.
#include <stdio.h>

#include "threads.h"

static pthread_mutex_t log_lock;
static int log_lines;

void mutex_init_recursive(pthread_mutex_t *mutex) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(mutex, &attr);
  pthread_mutexattr_destroy(&attr);
}

void mutex_init_plain(pthread_mutex_t *mutex) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutex_init(mutex, &attr);
  pthread_mutexattr_destroy(&attr);
}

void log_init(void) { mutex_init_recursive(&log_lock); }

static void log_count(void) {
  pthread_mutex_lock(&log_lock);
  log_lines++;
  pthread_mutex_unlock(&log_lock);
}

void log_line(const char *s) {
  pthread_mutex_lock(&log_lock);
  log_count();
  fputs(s, stderr);
  pthread_mutex_unlock(&log_lock);
}
