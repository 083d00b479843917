// STATIC-RUN:
// Lock wrappers that report a failed pthread_mutex_lock() by returning -1 (libbluray's
// bd_mutex_lock(): `if (!p->impl) return -1;` then `if (pthread_mutex_lock(p)) { log; return
// -1; } return 0;`) are locks: callers that ignore the result hold the lock after the call, so
// the two orders of disc_lock and player_lock are an inversion. A caller that tests the result
// does not hold the lock on the failure branch: log_error() there takes log_lock under nothing,
// and the reverse order (log_lock, then the disc's lock in flush_log()) makes no cycle. The
// wrapper's mutex is made recursive by mutex_init_impl(), which bd_init() gives `m->impl`: the
// disc's lock taken again inside nav() (bd_lock() in chapter_count()) is no self-deadlock.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  void *impl;  // a pthread_mutex_t, made recursive by mutex_init_impl()
} bd_mutex;

static int mutex_init_impl(pthread_mutex_t *p) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  if (pthread_mutex_init(p, &attr)) {
    fprintf(stderr, "pthread_mutex_init() failed\n");
    return -1;
  }
  return 0;
}

static int mutex_lock_impl(pthread_mutex_t *p) {
  if (pthread_mutex_lock(p)) {
    fprintf(stderr, "pthread_mutex_lock() failed\n");
    return -1;
  }
  return 0;
}

static int mutex_unlock_impl(pthread_mutex_t *p) {
  if (pthread_mutex_unlock(p)) {
    fprintf(stderr, "pthread_mutex_unlock() failed\n");
    return -1;
  }
  return 0;
}

int bd_lock(bd_mutex *m) {
  if (!m->impl)
    return -1;
  return mutex_lock_impl((pthread_mutex_t *)m->impl);
}

int bd_unlock(bd_mutex *m) {
  if (!m->impl)
    return -1;
  return mutex_unlock_impl((pthread_mutex_t *)m->impl);
}

int bd_init(bd_mutex *m) {
  m->impl = malloc(sizeof(pthread_mutex_t));
  if (!m->impl)
    return -1;
  return mutex_init_impl((pthread_mutex_t *)m->impl);
}

static pthread_mutex_t disc_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t player_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int titles, position, logged;

struct disc {
  bd_mutex mutex;
  int chapters;
};
struct player {
  bd_mutex mutex;
  int speed;
};

static void log_error(const char *msg) {
  pthread_mutex_lock(&log_lock);
  logged++;
  fputs(msg, stderr);
  pthread_mutex_unlock(&log_lock);
}

static void *reader(void *arg) {
  (void)arg;
  mutex_lock_impl(&disc_lock);
  mutex_lock_impl(&player_lock);  // EXPECT-STATIC: lock-order-inversion disc_lock => player_lock => disc_lock
  titles++;
  mutex_unlock_impl(&player_lock);
  mutex_unlock_impl(&disc_lock);
  if (mutex_lock_impl(&disc_lock) != 0) {
    log_error("cannot lock the disc\n");
    return NULL;
  }
  titles++;
  mutex_unlock_impl(&disc_lock);
  return NULL;
}

static void flush_log(void) {
  pthread_mutex_lock(&log_lock);
  if (mutex_lock_impl(&disc_lock) == 0) {
    logged += titles;
    mutex_unlock_impl(&disc_lock);
  }
  pthread_mutex_unlock(&log_lock);
}

static int chapter_count(struct disc *d) {
  bd_lock(&d->mutex);
  int n = d->chapters;
  bd_unlock(&d->mutex);
  return n;
}

static void nav(struct disc *d, struct player *p) {
  bd_lock(&d->mutex);
  p->speed = chapter_count(d);
  bd_lock(&p->mutex);  // EXPECT-STATIC: lock-order-inversion disc::mutex.impl => player::mutex.impl => disc::mutex.impl
  p->speed = d->chapters;
  bd_unlock(&p->mutex);
  bd_unlock(&d->mutex);
}

static void seek(struct disc *d, struct player *p) {
  bd_lock(&p->mutex);
  bd_lock(&d->mutex);  // EXPECT-STATIC: lock-order-inversion disc::mutex.impl => player::mutex.impl => disc::mutex.impl
  d->chapters = p->speed;
  bd_unlock(&d->mutex);
  bd_unlock(&p->mutex);
}

static struct disc the_disc;
static struct player the_player;

static void *navigator(void *arg) {
  (void)arg;
  nav(&the_disc, &the_player);
  flush_log();
  mutex_lock_impl(&player_lock);
  mutex_lock_impl(&disc_lock);  // EXPECT-STATIC: lock-order-inversion disc_lock => player_lock => disc_lock
  position++;
  mutex_unlock_impl(&disc_lock);
  mutex_unlock_impl(&player_lock);
  return NULL;
}

static void *seeker(void *arg) {
  (void)arg;
  seek(&the_disc, &the_player);
  return NULL;
}

int main(void) {
  pthread_t a, b, c;
  bd_init(&the_disc.mutex);
  bd_init(&the_player.mutex);
  pthread_create(&a, NULL, reader, NULL);
  pthread_create(&b, NULL, navigator, NULL);
  pthread_create(&c, NULL, seeker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return 0;
}
