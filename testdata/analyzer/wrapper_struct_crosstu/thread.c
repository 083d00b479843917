// Two wrapper levels: thread_mutex_lock_c() passes its parameter on to _mutex_lock(), which
// locks the field below it; source_lock() passes a member of its parameter on.
#include "thread.h"

static void _mutex_lock(mutex_t *mutex) { pthread_mutex_lock(&mutex->sys_mutex); }
static void _mutex_unlock(mutex_t *mutex) { pthread_mutex_unlock(&mutex->sys_mutex); }

void thread_mutex_lock_c(mutex_t *mutex, int line, const char *file) {
  (void)file;
  _mutex_lock(mutex);
  mutex->line = line;
}
void thread_mutex_unlock_c(mutex_t *mutex, int line, const char *file) {
  (void)line, (void)file;
  _mutex_unlock(mutex);
}

void source_lock(struct source *s) { thread_mutex_lock(&s->q.lock); }
void source_unlock(struct source *s) { thread_mutex_unlock(&s->q.lock); }
