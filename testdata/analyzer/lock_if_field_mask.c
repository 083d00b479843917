// Locks taken and released under the same test of a flag bit in a field reached through
// pointers (bind9's lib/dns/sdb.c and sdlz.c MAYBE_LOCK/MAYBE_UNLOCK: each expansion copies
// `sdb->implementation->flags` into a fresh local and tests `(flags & THREADSAFE) == 0`;
// dlz_dlopen_driver.c tests `(cd->flags & THREADSAFE) == 0 && !cd->in_configure` directly).
// The driver calls in between receive no pointer to those fields. Each function releases
// what it took on every feasible path: no self-deadlock when it takes the lock again.
// STATIC-RUN:
#include <pthread.h>
#include <stddef.h>

#define SDBFLAG_THREADSAFE 0x02U

struct methods {
  int (*lookup)(const char *zone, const char *name, void *dbdata);
  int (*authority)(const char *zone, void *dbdata);
};

struct implementation {
  const struct methods *methods;
  unsigned int flags;
  pthread_mutex_t driverlock;
};

struct common {
  int origin;
  unsigned int attributes;
};

struct sdb {
  struct common common;
  struct implementation *implementation;
  void *dbdata;
  char *zone;
};

struct dlopen_data {
  unsigned int flags;
  int in_configure;
  pthread_mutex_t lock;
  void *dbdata;
  int (*dlz_lookup)(const char *zone, const char *name, void *dbdata);
};

#define MAYBE_LOCK(sdb)                                   \
  do {                                                    \
    unsigned int flags = sdb->implementation->flags;      \
    if ((flags & SDBFLAG_THREADSAFE) == 0)                \
      pthread_mutex_lock(&sdb->implementation->driverlock); \
  } while (0)

#define MAYBE_UNLOCK(sdb)                                   \
  do {                                                      \
    unsigned int flags = sdb->implementation->flags;        \
    if ((flags & SDBFLAG_THREADSAFE) == 0)                  \
      pthread_mutex_unlock(&sdb->implementation->driverlock); \
  } while (0)

#define CD_LOCK(cd)                                                \
  do {                                                             \
    if ((cd->flags & SDBFLAG_THREADSAFE) == 0 && !cd->in_configure) \
      pthread_mutex_lock(&cd->lock);                               \
  } while (0)

#define CD_UNLOCK(cd)                                              \
  do {                                                             \
    if ((cd->flags & SDBFLAG_THREADSAFE) == 0 && !cd->in_configure) \
      pthread_mutex_unlock(&cd->lock);                             \
  } while (0)

extern int name_equal(const char *name, int *origin);

static int findnode(struct sdb *sdb, const char *name) {
  struct implementation *imp = sdb->implementation;
  int result;
  int isorigin = name_equal(name, &sdb->common.origin);
  MAYBE_LOCK(sdb);
  result = imp->methods->lookup(sdb->zone, name, sdb->dbdata);
  MAYBE_UNLOCK(sdb);
  if (result != 0)
    return result;
  if (isorigin && imp->methods->authority != NULL) {
    MAYBE_LOCK(sdb);
    result = imp->methods->authority(sdb->zone, sdb->dbdata);
    MAYBE_UNLOCK(sdb);
  }
  return result;
}

static int dlopen_lookup(void *driverarg, const char *zone, const char *name) {
  struct dlopen_data *cd = driverarg;
  int result;
  CD_LOCK(cd);
  result = cd->dlz_lookup(zone, name, cd->dbdata);
  CD_UNLOCK(cd);
  return result;
}

static struct sdb the_sdb;
static struct dlopen_data the_cd;

static void *worker(void *arg) {
  findnode(&the_sdb, "a");
  findnode(&the_sdb, "b");
  dlopen_lookup(&the_cd, "z", "a");
  dlopen_lookup(&the_cd, "z", "b");
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, 0);
  pthread_create(&b, 0, worker, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
