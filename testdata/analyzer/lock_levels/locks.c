#include "locks.h"

static pthread_rwlock_t ctl_locks[ENTITY_COUNT] = {
    PTHREAD_RWLOCK_INITIALIZER, PTHREAD_RWLOCK_INITIALIZER, PTHREAD_RWLOCK_INITIALIZER};

// in a well-defined order: conf, job, node
void lock_ctl(ctl_lock_t lock_levels) {
  if (lock_levels.conf == READ_LOCK)
    pthread_rwlock_rdlock(&ctl_locks[CONF_LOCK]);
  else if (lock_levels.conf == WRITE_LOCK)
    pthread_rwlock_wrlock(&ctl_locks[CONF_LOCK]);

  if (lock_levels.job == READ_LOCK)
    pthread_rwlock_rdlock(&ctl_locks[JOB_LOCK]);
  else if (lock_levels.job == WRITE_LOCK)
    pthread_rwlock_wrlock(&ctl_locks[JOB_LOCK]);

  if (lock_levels.node == READ_LOCK)
    pthread_rwlock_rdlock(&ctl_locks[NODE_LOCK]);
  else if (lock_levels.node == WRITE_LOCK)
    pthread_rwlock_wrlock(&ctl_locks[NODE_LOCK]);
}

void unlock_ctl(ctl_lock_t lock_levels) {
  if (lock_levels.node)
    pthread_rwlock_unlock(&ctl_locks[NODE_LOCK]);
  if (lock_levels.job)
    pthread_rwlock_unlock(&ctl_locks[JOB_LOCK]);
  if (lock_levels.conf)
    pthread_rwlock_unlock(&ctl_locks[CONF_LOCK]);
}
