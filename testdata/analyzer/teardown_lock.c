// A reference-counted attribute file (libgit2's git_attr_file): a loader parses a file it
// has just created under the file's own lock and, for a macro line, takes the cache's lock
// to store the macro. Removing a file from the cache holds the cache's lock and drops the
// cache's reference; when that was the last one the file is freed, and file_free() takes
// its lock once more before it destroys it. A file whose lock another thread holds is one
// that thread holds a reference to: it is not freed here. The lock taken on the teardown
// path (the function destroys it) closes no cycle with cache::lock.
// (teardown_lock_live.c: the same removal taking a live file's lock is found.)
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct file {
  pthread_mutex_t lock;
  int refcount;
  int nrules;
};

struct cache {
  pthread_mutex_t lock;
  struct file *files[4];
  int nmacros;
};

static struct cache the_cache = {PTHREAD_MUTEX_INITIALIZER, {0}, 0};

static struct file *file_new(void) {
  struct file *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  pthread_mutex_init(&f->lock, NULL);
  f->refcount = 1;
  return f;
}

static void file_free(struct file *f) {
  int locked = !pthread_mutex_lock(&f->lock);
  f->nrules = 0;
  if (locked)
    pthread_mutex_unlock(&f->lock);
  pthread_mutex_destroy(&f->lock);
  free(f);
}

static void file_decref(struct file *f) {
  if (__atomic_sub_fetch(&f->refcount, 1, __ATOMIC_ACQ_REL) == 0)
    file_free(f);
}

static void cache_insert_macro(struct cache *c) {
  pthread_mutex_lock(&c->lock);
  c->nmacros++;
  pthread_mutex_unlock(&c->lock);
}

static void file_parse(struct cache *c, struct file *f, const char *data) {
  pthread_mutex_lock(&f->lock);
  for (; *data; data++)
    if (*data == '[')
      cache_insert_macro(c);
    else
      f->nrules++;
  pthread_mutex_unlock(&f->lock);
}

// drops the cache's reference to f
static void cache_remove(struct cache *c, struct file *f) {
  pthread_mutex_lock(&c->lock);
  for (int i = 0; i < 4; i++)
    if (c->files[i] == f)
      c->files[i] = NULL;
  file_decref(f);
  pthread_mutex_unlock(&c->lock);
}

static void *loader(void *arg) {
  struct file *f = file_new();
  if (!f)
    return arg;
  file_parse(&the_cache, f, "[macro]\nrule\n");
  pthread_mutex_lock(&the_cache.lock);
  if (!the_cache.files[0]) {
    the_cache.files[0] = f;
    f = NULL;
  }
  pthread_mutex_unlock(&the_cache.lock);
  if (f)
    file_decref(f);
  return arg;
}

static void *flusher(void *arg) {
  pthread_mutex_lock(&the_cache.lock);
  struct file *f = the_cache.files[0];
  pthread_mutex_unlock(&the_cache.lock);
  if (f)
    cache_remove(&the_cache, f);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, loader, 0);
  pthread_create(&b, 0, flusher, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
