// A constant argument selects the callee's branch that takes no lock: the caller already
// holds it (`reschedule(ev, 1)`, `zone_lookup(z, /*lockit=*/0)`), or a sentinel argument
// takes the other way (`on_limit(-42)` only re-arms a timer). No self-deadlock; the last
// call, zone_lookup(z, 1) under the zone lock, is one.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

struct base {
  pthread_mutex_t lock;
  int nactive;
};

struct zone {
  pthread_mutex_t lock;
  int nrecords;
};

static struct base evbase = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct zone zones[1] = {{PTHREAD_MUTEX_INITIALIZER, 0}};
static struct zone root_zone = {PTHREAD_MUTEX_INITIALIZER, 0};
static pthread_mutex_t conn_lock = PTHREAD_MUTEX_INITIALIZER;
static int accepting;

static void reschedule(struct base *b, int locked) {
  if (!locked)
    pthread_mutex_lock(&b->lock);
  b->nactive++;
  if (!locked)
    pthread_mutex_unlock(&b->lock);
}

static int zone_lookup(struct zone *z, int lockit) {
  int n;
  if (lockit)
    pthread_mutex_lock(&z->lock);
  n = z->nrecords;
  if (lockit)
    pthread_mutex_unlock(&z->lock);
  return n;
}

static void accept_conns(int on);

static void on_limit(int fd) {
  if (fd == -42) {
    accepting = 0;  // only re-arm the timer
    return;
  }
  accept_conns(1);
}

static void accept_conns(int on) {
  pthread_mutex_lock(&conn_lock);
  accepting = on;
  if (!on)
    on_limit(-42);
  pthread_mutex_unlock(&conn_lock);
}

static void *loop(void *arg) {
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&evbase.lock);
    reschedule(&evbase, 1);
    pthread_mutex_unlock(&evbase.lock);
    reschedule(&evbase, 0);

    struct zone *z = &zones[0];
    pthread_mutex_lock(&z->lock);
    z->nrecords += zone_lookup(z, /*lockit=*/0);
    pthread_mutex_unlock(&z->lock);

    accept_conns(0);
    on_limit(i);
  }
  return arg;
}

static void *bad(void *arg) {
  pthread_mutex_lock(&root_zone.lock);
  zone_lookup(&root_zone, 0);
  zone_lookup(&root_zone, 1);  // EXPECT-STATIC: self-deadlock root_zone
  pthread_mutex_unlock(&root_zone.lock);
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, loop, 0);
  pthread_create(&b, 0, loop, 0);
  pthread_create(&c, 0, bad, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
