// The twin of teardown_lock.c: a reloader parses a file it took from the cache (with a
// reference), and removing a file from the cache resets it under the cache's lock
// (file_reset() does not destroy it): the file being parsed - its lock held, the cache's
// wanted - is one the removal waits for while it holds the cache's lock. A real
// inversion, found.
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

static void file_reset(struct file *f) {
  pthread_mutex_lock(&f->lock);  // EXPECT-STATIC: lock-order-inversion file::lock => cache::lock => file::lock
  f->nrules = 0;
  pthread_mutex_unlock(&f->lock);
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
      cache_insert_macro(c);  // EXPECT-STATIC: lock-order-inversion file::lock => cache::lock => file::lock
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
  file_reset(f);
  pthread_mutex_unlock(&c->lock);
}

static void *reloader(void *arg) {
  pthread_mutex_lock(&the_cache.lock);
  struct file *f = the_cache.files[0];
  if (f)
    __atomic_add_fetch(&f->refcount, 1, __ATOMIC_ACQ_REL);
  pthread_mutex_unlock(&the_cache.lock);
  if (!f)
    return arg;
  file_parse(&the_cache, f, "[macro]\nrule\n");
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
  the_cache.files[0] = file_new();
  pthread_create(&a, 0, reloader, 0);
  pthread_create(&b, 0, flusher, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
