// A library (no main) whose one worker thread updates a quota without the lock it takes to
// reset it, and whose API resets it under that lock (mosquitto's msgs_in.inflight_quota and
// message__reconnect_reset()). The worker is the only thread the library starts, but any
// application thread may call lib_reset() meanwhile, or lib_start() twice: the quota is not
// one thread's (one_thread_data.c), and the unlocked update is reported.
// STATIC-RUN:
#include <pthread.h>

static struct {
  pthread_mutex_t mutex;
  int quota, max;
} st = {PTHREAD_MUTEX_INITIALIZER, 20, 20};

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&st.mutex);
    st.quota = st.max;
    pthread_mutex_unlock(&st.mutex);
    if (st.quota > 0)
      st.quota--;  // EXPECT-STATIC: unlocked-rmw st::quota
  }
  return arg;
}

int lib_start(void) {
  pthread_t t;
  return pthread_create(&t, 0, worker, 0);
}

void lib_reset(void) {
  pthread_mutex_lock(&st.mutex);
  st.quota = st.max;
  pthread_mutex_unlock(&st.mutex);
}
