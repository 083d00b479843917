// A controller's ordered multi-lock API as slurm's slurmctld writes it (src/slurmctld/locks.c):
// one array of rwlocks indexed by entity, and a struct of lock levels passed by value that says
// which entities to take, for reading or for writing. Callers name their levels in a local
// initialised by a list (`ctl_lock_t job_write_lock = { .job = WRITE_LOCK };`, the others left
// out are NO_LOCK), so which locks a call takes is decided at the call.
#pragma once
#include <pthread.h>

typedef enum { NO_LOCK, READ_LOCK, WRITE_LOCK } lock_level_t;
typedef struct {
  lock_level_t conf;
  lock_level_t job;
  lock_level_t node;
} ctl_lock_t;
enum { CONF_LOCK, JOB_LOCK, NODE_LOCK, ENTITY_COUNT };

void lock_ctl(ctl_lock_t lock_levels);
void unlock_ctl(ctl_lock_t lock_levels);

extern int job_count;
extern int node_count;
extern int jobs_canceled;
