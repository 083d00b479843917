// gnulib's glthread layer (gnutls, libunistring, gettext, wget, ...) wraps every lock and unlock
// in `pthread_in_use() ? pthread_rwlock_xxx(L) : 0`, where pthread_in_use() tests weak symbols:
// is libpthread linked in? gnutls' _gnutls_update_system_priorities() takes its config lock for
// reading, gives it back and takes it for writing. Each test of the weak symbols, decided on its
// own, left a path that took the read lock and skipped the unlock, and with a few more branches
// that path joined the others and the write lock looked taken under the read lock: a false
// self-deadlock. The program with threads has the symbols, so no such path exists. The twin,
// a forgotten unlock on a way out under the same macros, stays reported (weak_symbol_forgotten_unlock.c).
// STATIC-RUN:
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <threads.h>

#pragma weak pthread_mutexattr_gettype
#pragma weak thrd_exit
#define pthread_in_use() (pthread_mutexattr_gettype != NULL || thrd_exit != NULL)
#define unlikely(x) __builtin_expect((x), 0)
#define glthread_rwlock_rdlock(L) (pthread_in_use() ? pthread_rwlock_rdlock(L) : 0)
#define glthread_rwlock_wrlock(L) (pthread_in_use() ? pthread_rwlock_wrlock(L) : 0)
#define glthread_rwlock_unlock(L) (pthread_in_use() ? pthread_rwlock_unlock(L) : 0)

int log_level;
void log_msg(int level, const char *fmt, ...);
#define debug_log(...) do { if (unlikely(log_level >= 2)) log_msg(2, __VA_ARGS__); } while (0)
static inline int assert_val(int val, int line) {
  debug_log("ASSERT: %d\n", line);
  return val;
}
#define E_LOCKING (-306)
#define config_rdlock(L) (unlikely(glthread_rwlock_rdlock(L)) ? assert_val(E_LOCKING, __LINE__) : 0)
#define config_wrlock(L) (unlikely(glthread_rwlock_wrlock(L)) ? assert_val(E_LOCKING, __LINE__) : 0)
#define config_unlock(L) (unlikely(glthread_rwlock_unlock(L)) ? assert_val(E_LOCKING, __LINE__) : 0)

static pthread_rwlock_t config_rwlock = PTHREAD_RWLOCK_INITIALIZER;
static bool file_loaded;
static long last_mod;
static struct { char *priority_string; int allowlisting; } config;
static const char *priority_file = "/etc/gnutls/config";

static int update_system_priorities(bool defer) {
  int ret, err = 0;
  struct stat sb;
  FILE *fp = NULL;
  ret = config_rdlock(&config_rwlock);
  if (ret < 0)
    return assert_val(ret, __LINE__);
  if (stat(priority_file, &sb) < 0) {
    debug_log("cfg: unable to access: %s\n", priority_file);
    goto out;
  }
  if (file_loaded && last_mod == sb.st_mtime && config.priority_string)
    goto out;  // nothing to do
  (void)config_unlock(&config_rwlock);
  ret = config_wrlock(&config_rwlock);
  if (ret < 0)
    return assert_val(ret, __LINE__);
  if (!file_loaded) {
    fp = fopen(priority_file, "re");
    if (fp == NULL)
      goto out;
    if (fseek(fp, 0L, SEEK_SET) < 0)
      err = 1;
    fclose(fp);
    debug_log("cfg: loaded %s mtime %lld\n", priority_file, (long long)sb.st_mtime);
  }
  if (config.allowlisting && !defer)
    debug_log("cfg: finalized\n");
  file_loaded = 1;
  last_mod = sb.st_mtime;
out:
  (void)config_unlock(&config_rwlock);
  return err ? -1 : ret;
}

static void *handshake(void *arg) {
  (void)arg;
  update_system_priorities(false);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  update_system_priorities(true);
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, handshake, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
