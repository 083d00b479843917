// A plain store into a file-static object of a value read through a pointer of the same struct
// type (pulseaudio's pa_log_set_target(): `target.type = t->type`) reads another object: `t`
// cannot point at `target`, whose address this file never takes, so the store is no
// read-modify-write of `target.type`. Where the object may be the one the pointer reaches (its
// address is handed out: `set_stats(&stats)`), the read may be of the stored datum and the
// update is still reported, as is the real compound race on `target.file` (the old pointer
// freed, then replaced: two threads free it twice).
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct log_target {
  int type;
  char *file;
};

static struct log_target target = {0, NULL};  // never `&target`: no pointer reaches it
static struct log_target stats;               // `&stats` is passed below

static int log_type(void) { return target.type; }

static void set_target(const struct log_target *t) {
  target.type = t->type;
  free(target.file);
  target.file = strdup(t->file);  // EXPECT-STATIC: unlocked-rmw target.file
}

static void set_stats(const struct log_target *t) {
  stats.type = t->type + 1;  // EXPECT-STATIC: unlocked-rmw log_target::type
}

static void *worker(void *a) {
  struct log_target t = {1, "fallback.log"};
  if (log_type() != 1)
    set_target(&t);
  set_stats(&stats);
  return a;
}

int main(void) {
  pthread_t th[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&th[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(th[i], NULL);
  return 0;
}
