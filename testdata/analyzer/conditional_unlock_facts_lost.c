// rsyslog's rate limiter: withinRatelimit() locks its mutex only when the limiter is shared
// between threads (`if (rl->thread_safe) lock`), and unlocks it under the same test at the
// end; in between it passes the limiter to tell_lost(), which ends what the analysis knows
// of rl->thread_safe. The unlock on the path that skipped the lock pairs with the function's
// own lock above it: it is no release of a lock the caller holds, so process_char() does not
// hold the limiter's mutex "by contract" before it submits, and the session's octet count -
// written at four places before a submit and once after - has no protector: no
// unlocked-rmw. (A function that only releases its caller's lock, lock_held_by_contract.c,
// and unlock ... lock around a callback, unlock_around_callback.c, are still the caller's.)
// STATIC-RUN:
#include <pthread.h>

struct ratelimit {
  pthread_mutex_t mut;
  int thread_safe;
  unsigned done, missed, burst;
};

struct sess {
  struct ratelimit *rl;
  int state;
  int remain;
};

static struct ratelimit limiter = {PTHREAD_MUTEX_INITIALIZER, 1, 0, 0, 10};
static struct sess sessions[4];

static void tell_lost(struct ratelimit *rl) {
  if (rl->missed)
    rl->missed = 0;
}

static int within_ratelimit(struct ratelimit *rl) {
  int ret;
  if (rl->thread_safe)
    pthread_mutex_lock(&rl->mut);
  if (rl->done > rl->burst) {
    rl->done = 0;
    tell_lost(rl);
  }
  if (rl->burst > rl->done) {
    rl->done++;
    ret = 1;
  } else {
    rl->missed++;
    ret = 0;
  }
  if (rl->thread_safe)
    pthread_mutex_unlock(&rl->mut);
  return ret;
}

static void submit(struct sess *s) {
  if (within_ratelimit(s->rl))
    s->state = 0;
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
  } else if (c == '!') {
    s->remain--;
    submit(s);
    s->remain--;
  } else {
    s->remain--;
    if (s->remain < 1)
      submit(s);
  }
}

static void *worker(void *arg) {
  struct sess *s = &sessions[(long)arg & 3];
  for (const char *p = "5 hello\n"; *p; p++)
    process_char(s, *p);
  return arg;
}

int main(void) {
  pthread_t t[4];
  for (long i = 0; i < 4; i++) {
    sessions[i].rl = &limiter;
    pthread_create(&t[i], 0, worker, (void *)i);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return 0;
}
