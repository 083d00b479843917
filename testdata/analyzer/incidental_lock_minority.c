// A TCP session's parser state (rsyslog's tcps_sess_s::iOctetsRemain): each session is fed by
// one worker at a time, which counts the octets of a frame down without any lock. Once, a
// frame is cut short while the listener's rate limiter is locked (drop_if_limited(): the
// limiter's own counters are what that lock is for). That one write of five under
// 'sess::lstn.rl.mut' does not make the limiter's mutex the protector of the session's
// state: no unlocked-rmw for 'remain'. The limiter's counter 'done', updated under its mutex
// at two places and without it at a third (unthrottle()), is still reported.
// STATIC-RUN:
#include <pthread.h>

struct ratelimit {
  pthread_mutex_t mut;
  int done;
};

struct listener {
  struct ratelimit *rl;
};

struct sess {
  struct listener *lstn;
  int state;
  int remain;
  char buf[64];
  int len;
};

static struct ratelimit limiter = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct listener lstn = {&limiter};
static struct sess sessions[4];

static void submit(struct sess *s) {
  pthread_mutex_lock(&s->lstn->rl->mut);
  s->lstn->rl->done++;
  pthread_mutex_unlock(&s->lstn->rl->mut);
  s->len = 0;
}

static void drop_if_limited(struct sess *s) {
  pthread_mutex_lock(&s->lstn->rl->mut);
  if (s->lstn->rl->done > 100) {
    s->remain = 0;
    s->state = 0;
  }
  pthread_mutex_unlock(&s->lstn->rl->mut);
}

static void process_char(struct sess *s, char c) {
  if (s->state == 0) {
    s->remain = 0;
    s->state = 1;
  } else if (s->state == 1) {
    if (c >= '0' && c <= '9')
      s->remain = s->remain * 10 + c - '0';
    else
      s->state = 2;
  } else {
    if (s->len < 64)
      s->buf[s->len++] = c;
    s->remain--;
    if (s->remain < 1) {
      submit(s);
      s->state = 0;
    } else if (c == '\n') {
      drop_if_limited(s);
    }
  }
}

static void *worker(void *arg) {
  struct sess *s = &sessions[(long)arg & 3];
  for (const char *p = "5 hello\n"; *p; p++)
    process_char(s, *p);
  return arg;
}

static void unthrottle(struct sess *s) {
  s->lstn->rl->done--;  // EXPECT-STATIC: unlocked-rmw sess::lstn.rl.done
}

static void *reset_limits(void *arg) {
  unthrottle(&sessions[(long)arg & 3]);
  return arg;
}

int main(void) {
  pthread_t t[4], r;
  for (long i = 0; i < 4; i++) {
    sessions[i].lstn = &lstn;
    pthread_create(&t[i], 0, worker, (void *)i);
  }
  pthread_create(&r, 0, reset_limits, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  pthread_join(r, 0);
  return 0;
}
