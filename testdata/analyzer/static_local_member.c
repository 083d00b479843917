// STATIC-RUN:
// A member of an object no pointer reaches (a static local, a file static whose address is
// never taken) is named as the code names it, and each such object is its own datum: ganglia's
// metric functions each keep a `static g_val_t val;` and update `val.f`, and gmetad's server
// threads run them all. By the type, the two functions' statics were one datum, `g_val_t::f`,
// and each finding pointed at the other function's variable. Two functions here, two data,
// each updated by the two threads: a finding for each, named `val.f`; one object whose
// address is handed out (`g_val_t *cpu_value(void)`) is named by its type as before.
#include <pthread.h>

typedef union {
  int i;
  float f;
} g_val_t;

struct stats {
  long polls;
};

static struct stats st;
static g_val_t shared_val;

float cpu_user(void) {
  static g_val_t val;
  val.f = val.f * 0.5f + 1;  // EXPECT-STATIC: unlocked-rmw val.f
  return val.f;
}

float cpu_idle(void) {
  static g_val_t val;
  val.f = val.f * 0.25f + 2;  // EXPECT-STATIC: unlocked-rmw val.f
  return val.f;
}

g_val_t *cpu_value(void) { return &shared_val; }

static void poll_once(void) {
  st.polls++;  // EXPECT-STATIC: unlocked-rmw st.polls
  shared_val.i++;  // EXPECT-STATIC: unlocked-rmw g_val_t::i
}

static void *server_thread(void *arg) {
  cpu_user();
  cpu_idle();
  poll_once();
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, server_thread, 0);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return cpu_value()->i;
}
