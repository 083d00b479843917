// zbar's layout: the video object and its lock helpers (video.h), the callers (video.c), the
// driver that fills the method table (v4l2.c), each in its own TU.
#include <pthread.h>

struct video {
  pthread_mutex_t qlock;
  int nbufs;
  int (*nq)(struct video *, int);
  int (*dq)(struct video *);
};

int video_unlock(struct video *v);
void v4l2_init(struct video *v);
