// STATIC-RUN:
// A lock released by a driver method called through a function-pointer field (zbar's
// video.c: `video_lock(vdo); ... vdo->nq(vdo, img)`, where v4l2_nq() gives the queue lock back
// through video_unlock(); the caller then takes it again for the next buffer). Every function
// stored in `video::nq` and `video::dq` releases the lock of the object it is given, through a
// wrapper of its own: calls through the fields release it, so the re-locks are no
// self-deadlock. The twin, `audio::nq`, is filled with a function that keeps the lock: the
// re-lock after it is one.
#include <pthread.h>
#include <stdio.h>

struct video {
  pthread_mutex_t qlock;
  int nbufs;
  int (*nq)(struct video *, int);
  int (*dq)(struct video *);
};

static int video_unlock(struct video *v) {
  int rc = pthread_mutex_unlock(&v->qlock);
  if (rc)
    fprintf(stderr, "unable to release lock\n");
  return rc;
}

static int v4l2_nq(struct video *v, int buf) {
  if (video_unlock(v))
    return -1;
  printf("queued %d\n", buf);
  return 0;
}

static int v4l2_dq(struct video *v) {
  int buf = v->nbufs - 1;
  if (video_unlock(v))
    return -1;
  return buf;
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

struct audio {
  pthread_mutex_t qlock;
  int nbufs;
  int (*nq)(struct audio *, int);
};

static int alsa_nq(struct audio *a, int buf) {  // the twin: keeps the lock
  a->nbufs += buf;
  return 0;
}

static int audio_enable(struct audio *a) {
  pthread_mutex_lock(&a->qlock);
  a->nq(a, 0);
  pthread_mutex_lock(&a->qlock);  // EXPECT-STATIC: self-deadlock audio::qlock
  pthread_mutex_unlock(&a->qlock);
  return 0;
}

static struct video cam = {PTHREAD_MUTEX_INITIALIZER, 4, 0, 0};
static struct audio mic = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void *capture(void *arg) {
  (void)arg;
  video_next(&cam);
  video_enable(&cam);  // (with no buffer it returns holding the lock: called last)
  audio_enable(&mic);
  return NULL;
}

int main(void) {
  cam.nq = v4l2_nq;
  cam.dq = v4l2_dq;
  mic.nq = alsa_nq;
  pthread_t t;
  pthread_create(&t, NULL, capture, NULL);
  pthread_join(t, NULL);
  return 0;
}
