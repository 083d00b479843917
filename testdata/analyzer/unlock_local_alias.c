// A callee releases its caller's lock through a local copy of the pointer (an HTTP server's
// `struct resp *response = conn->response; ... unlock(&response->mutex); close_conn(conn);`),
// and what it calls next takes that lock again (close_conn() drops the connection's reference:
// destroy_response() locks the response to count it down). The caller's lock is released
// before: no self-deadlock. The release happens only where try_ready() returns 0: where it
// returns 1 the caller still holds the lock (no unlocked update there).
// STATIC-RUN:
#include <pthread.h>
#include <stdlib.h>

struct resp {
  pthread_mutex_t mutex;
  int refs;
  void *crc;
  int ready;
};

struct conn {
  struct resp *response;
  int state;
};

static void destroy_response(struct resp *r) {
  pthread_mutex_lock(&r->mutex);
  int last = --r->refs == 0;
  pthread_mutex_unlock(&r->mutex);
  if (last)
    free(r);
}

static void close_conn(struct conn *c) {
  struct resp *resp = c->response;
  c->response = NULL;
  c->state = 0;
  if (resp)
    destroy_response(resp);
}

// Called with c->response->mutex held; returns with it held, or released and c closed.
static int try_ready(struct conn *c) {
  struct resp *response = c->response;
  if (response->ready < 0) {
    pthread_mutex_unlock(&response->mutex);
    close_conn(c);
    return 0;
  }
  response->ready++;
  return 1;
}

static void handle(struct conn *c) {
  if (NULL != c->response->crc) {
    pthread_mutex_lock(&c->response->mutex);
    if (!try_ready(c))
      return;
    c->response->ready++;
    pthread_mutex_unlock(&c->response->mutex);
  }
}

// try_ready() released the lock where it returned 0: an update there is unlocked.
static void handle_stats(struct conn *c) {
  pthread_mutex_lock(&c->response->mutex);
  if (try_ready(c) == 0) {
    c->response->ready++;  // EXPECT-STATIC: unlocked-rmw conn::response.ready
    return;
  }
  pthread_mutex_unlock(&c->response->mutex);
}

static struct resp the_resp = {PTHREAD_MUTEX_INITIALIZER, 2, &the_resp, 0};
static struct conn conns[2] = {{&the_resp, 1}, {&the_resp, 1}};

static void *worker(void *arg) {
  handle(arg);
  handle_stats(arg);
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, worker, &conns[0]);
  pthread_create(&b, 0, worker, &conns[1]);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
