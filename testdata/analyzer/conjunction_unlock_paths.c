// A lock taken under two nested tests and given back under their conjunction (NSPR 4.35's
// PR_OpenFile(): `if (flags & PR_CREATE_FILE) { if (NULL != _pr_rename_lock)
// PR_Lock(_pr_rename_lock); }` ... `if ((flags & PR_CREATE_FILE) && (NULL != _pr_rename_lock))
// PR_Unlock(_pr_rename_lock);`), after enough other flag tests that the paths must be merged.
// The paths that skipped the lock because the flag is clear and those that skipped it because
// the lock is null were merged into one that knew neither test: it took the unlock, so
// open_file() looked like it gives back a lock its caller holds, and with rename_lock held at
// entry the error is logged with it held: a false rename_lock => log_lock order, and with
// rotate_log() (log_lock, then open_file(O_CREATE) takes rename_lock) a false inversion.
// (The logger's own calls pass LG_QUIET: no error report under the logger's lock.)
// Twin: make_dir() reports its failure before it gives mkdir_lock back: mkdir_lock =>
// audit_lock, and audit_rotate() holds audit_lock around make_dir(): a real inversion.
// STATIC-RUN:
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define LG_RDONLY 0x01
#define LG_WRONLY 0x02
#define LG_RDWR 0x04
#define LG_CREATE 0x08
#define LG_APPEND 0x10
#define LG_TRUNCATE 0x20
#define LG_QUIET 0x40  // no error report: the logger's own files

static pthread_mutex_t *rename_lock;  // made at start-up, null in a process that never renames
static pthread_mutex_t *mkdir_lock;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t audit_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t locks[2] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static FILE *log_file;
static long log_lines, audit_lines;

static void log_error(const char *what) {
  pthread_mutex_lock(&log_lock);
  log_lines++;
  if (log_file)
    fprintf(log_file, "error: %s\n", what);
  pthread_mutex_unlock(&log_lock);
}

static void audit(const char *what) {
  pthread_mutex_lock(&audit_lock);
  audit_lines++;
  fprintf(stderr, "audit: %s\n", what);
  pthread_mutex_unlock(&audit_lock);
}

int open_file(const char *name, int flags, int mode) {
  int fd, osflags = 0;
  if (flags & LG_RDONLY)
    osflags |= O_RDONLY;
  if (flags & LG_WRONLY)
    osflags |= O_WRONLY;
  if (flags & LG_RDWR)
    osflags |= O_RDWR;
  if (flags & LG_APPEND)
    osflags |= O_APPEND;
  if (flags & LG_TRUNCATE)
    osflags |= O_TRUNC;
  // held across the creation, so that a rename never sees the file half made
  if (flags & LG_CREATE) {
    osflags |= O_CREAT;
    if (NULL != rename_lock)
      pthread_mutex_lock(rename_lock);
  }
  fd = open(name, osflags, mode);
  if ((flags & LG_CREATE) && (NULL != rename_lock))
    pthread_mutex_unlock(rename_lock);
  if (fd == -1 && !(flags & LG_QUIET))
    log_error(name);
  return fd;
}

int make_dir(const char *name, int flags, int mode) {
  int rv;
  if (flags & LG_RDONLY)
    mode &= 0555;
  if (flags & LG_WRONLY)
    mode &= 0333;
  if (flags & LG_TRUNCATE)
    mode &= 0700;
  if (flags & LG_CREATE) {
    if (NULL != mkdir_lock)
      pthread_mutex_lock(mkdir_lock);
  }
  rv = mkdir(name, (mode_t)mode);
  if (rv == -1 && !(flags & LG_QUIET))
    audit(name);  // EXPECT-STATIC: lock-order-inversion mkdir_lock => audit_lock => mkdir_lock
  if ((flags & LG_CREATE) && (NULL != mkdir_lock))
    pthread_mutex_unlock(mkdir_lock);
  return rv;
}

static void rotate_log(void) {
  pthread_mutex_lock(&log_lock);
  int fd = open_file("app.log.new", LG_WRONLY | LG_CREATE | LG_TRUNCATE | LG_QUIET, 0644);
  if (fd >= 0)
    close(fd);
  pthread_mutex_unlock(&log_lock);
}

static void audit_rotate(void) {
  pthread_mutex_lock(&audit_lock);
  make_dir("audit.d", LG_CREATE | LG_QUIET, 0755);
  pthread_mutex_unlock(&audit_lock);
}

static void *worker(void *arg) {
  for (int i = 0; i < 4; i++) {
    int fd = open_file("data.tmp", LG_RDWR | LG_CREATE, 0600);
    if (fd >= 0)
      close(fd);
    make_dir("spool", LG_CREATE, 0700);
    rotate_log();
    audit_rotate();
  }
  return arg;
}

int main(void) {
  rename_lock = &locks[0];
  mkdir_lock = &locks[1];
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
