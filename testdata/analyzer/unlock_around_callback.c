// dispatch() is called with the server's lock held and drops it around the user's callback
// (the unlock/call/re-lock idiom of event loops). Inside the callback the server lock is not
// held: last_fd's write there is not a write under server::lock, so the event thread's own
// last_fd++ is not "unlocked against its protector"; and log_lock, taken in the callback,
// is not ordered after server::lock (the admin thread's log_lock -> server::lock is the
// only order).
// STATIC-RUN:
#include <pthread.h>

struct server {
  pthread_mutex_t lock;
  int nconns;
};

static struct server srv = {PTHREAD_MUTEX_INITIALIZER, 0};
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int last_fd;  // the event thread's own
static long log_lines;

static void log_line(void) {
  pthread_mutex_lock(&log_lock);
  log_lines++;
  pthread_mutex_unlock(&log_lock);
}

static void on_event(int fd) {
  last_fd = fd;
  log_line();
}

static void dispatch(struct server *s, int fd) {
  pthread_mutex_unlock(&s->lock);  // never call user code with the lock held
  on_event(fd);
  pthread_mutex_lock(&s->lock);
}

static void *event_loop(void *arg) {
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&srv.lock);
    srv.nconns++;
    dispatch(&srv, i);
    srv.nconns--;
    pthread_mutex_unlock(&srv.lock);
    last_fd++;
  }
  return arg;
}

static void *admin(void *arg) {
  pthread_mutex_lock(&log_lock);
  pthread_mutex_lock(&srv.lock);
  log_lines += srv.nconns;
  pthread_mutex_unlock(&srv.lock);
  pthread_mutex_unlock(&log_lock);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, event_loop, 0);
  pthread_create(&b, 0, admin, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
