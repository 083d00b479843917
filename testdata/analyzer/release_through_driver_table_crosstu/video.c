// STATIC-RUN:
// Calls through a method table filled in another TU (v4l2.c) whose methods release the queue
// lock of the object they are given through a wrapper (zbar's video.c and v4l2.c): the re-locks
// after `v->nq()` and `v->dq()` take a free lock, no self-deadlock (they were reported when the
// cross-TU table released the whole object instead of its `qlock`). The single-TU case and its
// twin are release_through_driver_table.c.
#include <stdio.h>

#include "video.h"

int video_unlock(struct video *v) {
  int rc = pthread_mutex_unlock(&v->qlock);
  if (rc)
    fprintf(stderr, "unable to release lock\n");
  return rc;
}

static int video_enable(struct video *v) {
  pthread_mutex_lock(&v->qlock);
  for (int i = 0; i < v->nbufs; i++)
    if (v->nq(v, i) || ((i + 1 < v->nbufs) && pthread_mutex_lock(&v->qlock)))
      return -1;
  return 0;
}

static int video_next(struct video *v) {
  pthread_mutex_lock(&v->qlock);
  int buf = v->dq(v);
  pthread_mutex_lock(&v->qlock);
  v->nbufs++;
  pthread_mutex_unlock(&v->qlock);
  return buf;
}

static struct video cam = {PTHREAD_MUTEX_INITIALIZER, 4, 0, 0};

static void *capture(void *arg) {
  (void)arg;
  video_next(&cam);
  video_enable(&cam);
  return NULL;
}

int main(void) {
  v4l2_init(&cam);
  pthread_t t;
  pthread_create(&t, NULL, capture, NULL);
  pthread_join(t, NULL);
  return 0;
}
