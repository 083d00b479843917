// A copy between two global objects of one struct type (moc's audio_open():
// `driver_sound_params.rate = req_sound_params.rate`) writes one object and reads another:
// no read-modify-write, whatever else reads the field through a pointer. A member of a named
// global object is compared by object; an update of one object's own field (`totals.rate =
// totals.rate + drv.rate`) from two threads without a lock still loses updates.
// STATIC-RUN:
#include <pthread.h>

struct params {
  int rate, fmt, channels;
};

static struct params req = {0, 0, 0}, drv = {0, 0, 0};
static struct params totals;
static int forced;

static int best(int caps, int fmt) { return caps & fmt; }

static void conv_new(const struct params *from, const struct params *to) { (void)(from->rate != to->rate); }

static void *player(void *a) {
  if (forced)
    drv.rate = forced;
  else
    drv.rate = req.rate;
  drv.fmt = best(7, req.fmt);
  drv.channels = req.channels < 1 ? 1 : req.channels;
  conv_new(&req, &drv);
  totals.rate = totals.rate + drv.rate;  // EXPECT-STATIC: unlocked-rmw totals.rate
  return a;
}

int main(void) {
  pthread_t t, u;
  pthread_create(&t, 0, player, 0);
  pthread_create(&u, 0, player, 0);
  conv_new(&req, &drv);
  pthread_join(t, 0);
  pthread_join(u, 0);
  return 0;
}
